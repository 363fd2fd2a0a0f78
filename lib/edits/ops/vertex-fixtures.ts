import type { Polygon, Position } from "geojson";
import { checkCoverage } from "@/lib/coverage/check";
import type { IssueKind } from "@/lib/coverage/types";
import { deepFreeze } from "../test-fixtures";
import type { DistrictEntity, EditSnapshot, SmallAreaEntity } from "../types";

/**
 * Test fixtures of the shared-vertex ops (move, insert, delete): a frozen township of two districts and five
 * small areas with every kind of shared vertex (lib/edits/test-fixtures.ts has the helpers that apply an op
 * and its inverse).
 *
 * ```
 *  30.010  +------D------C-----------+        D1 = 330199101201 (id 1), west; D2 = …202 (id 2), east
 *          |      |  S3  |    S5     |        S1..S3 in D1 (ids 11..13), S4, S5 in D2 (ids 21, 22)
 *  30.006  |  S1  T------V-----------+        T: corner of S2 and S3 on S1's straight edge (T-junction)
 *          K      |  S2   \   S4     |        V: district-boundary junction of D1, D2, S2, S3, S4, S5
 *  30.003  |      |        W         |        W: district-boundary bend shared by D1, D2, S2, S4
 *          |      |       /          |        K: vertex of D1 only, on S1's straight west edge
 *  30.000  +------A------B-----------+        A: corner of S1 and S2 on D1's straight south edge
 *        120.000 .005   .010 .011   .020      (the township's outline is the outer rectangle)
 * ```
 */

type P = [number, number];
export const A: P = [120.005, 30];
export const B: P = [120.01, 30];
export const C: P = [120.01, 30.01];
export const D: P = [120.005, 30.01];
export const T: P = [120.005, 30.006];
export const V: P = [120.01, 30.006];
export const W: P = [120.011, 30.003];
export const K: P = [120, 30.004];
const SW: P = [120, 30], NW: P = [120, 30.01], SE: P = [120.02, 30], NE: P = [120.02, 30.01], E: P = [120.02, 30.006];

/** Township outline the districts tile, for the coverage checks. */
export const TOWNSHIP: Polygon = { type: "Polygon", coordinates: [[SW, SE, NE, NW, SW]] };

const polygon = (...ring: P[]): Polygon => ({ type: "Polygon", coordinates: [[...ring, ring[0]]] });

function district(id: number, code: string, geometry: Polygon, version: number): DistrictEntity {
  return { type: "district", id, version, townshipId: 1, code, nameZh: `普查区${id}`, nameEn: `District ${id}`, kind: "village", geometry };
}

function smallArea(id: number, districtId: number, code: string, geometry: Polygon | null, version: number): SmallAreaEntity {
  return { type: "small_area", id, version, districtId, code, name: null, isVirtual: geometry === null, geometry, status: "draft", notes: null };
}

/** Used by every shared-vertex op test: the frozen township drawn above (a virtual small area 901 in D2). */
export function vertexTownship(): EditSnapshot {
  return deepFreeze({
    districts: [
      district(1, "330199101201", polygon(SW, B, W, V, C, NW, K), 4),
      district(2, "330199101202", polygon(B, SE, NE, C, V, W), 7),
    ],
    smallAreas: [
      smallArea(11, 1, "001", polygon(SW, A, D, NW), 2),
      smallArea(12, 1, "002", polygon(A, B, W, V, T), 3),
      smallArea(13, 1, "003", polygon(T, V, C, D), 1),
      smallArea(21, 2, "001", polygon(B, SE, E, V, W), 5),
      smallArea(22, 2, "002", polygon(V, E, NE, C), 6),
      smallArea(23, 2, "901", null, 1),
    ],
  });
}

const PARTITION_KINDS: IssueKind[] = ["invalid_geometry", "gap", "overlap", "outside_district", "district_gap", "district_overlap", "outside_township"];

/**
 * Used after every op: the coverage engine's partition and validity errors on a snapshot, as
 * `kind district [small areas]`. Pass the township outline when the districts must still tile it.
 */
export function partitionErrors(snapshot: EditSnapshot, township: Polygon | null = null): string[] {
  const codes = new Map(snapshot.districts.map((d) => [d.id, d.code]));
  const report = checkCoverage({
    container: township,
    districts: snapshot.districts.map((d) => ({ code: d.code, geometry: d.geometry })),
    smallAreas: snapshot.smallAreas.map((s) => ({ code: s.code, district: codes.get(s.districtId) ?? "", isVirtual: s.isVirtual, geometry: s.geometry })),
  });
  return report.issues.filter((i) => PARTITION_KINDS.includes(i.kind)).map((i) => `${i.kind} ${i.district ?? ""} [${i.smallAreas.join(",")}]`);
}

/** Used by op tests to read one entity's outer ring after an op. */
export function outerRing(snapshot: EditSnapshot, type: "district" | "small_area", id: number): Position[] {
  const entity = type === "district" ? snapshot.districts.find((d) => d.id === id) : snapshot.smallAreas.find((s) => s.id === id);
  const geometry = entity?.geometry;
  if (!geometry) throw new Error(`${type}/${id} has no geometry`);
  return geometry.type === "Polygon" ? geometry.coordinates[0] : geometry.coordinates[0][0];
}
