import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { applyAndUndo, changeOf, deepFreeze, withoutVersions } from "../test-fixtures";
import type { Change, EditSnapshot } from "../types";
import { deleteSharedVertex } from "./delete-vertex";
import { B, K, T, TOWNSHIP, V, W, outerRing, partitionErrors, vertexTownship } from "./vertex-fixtures";

const deleted = (snapshot: EditSnapshot, at: Position): Change => changeOf(deleteSharedVertex(snapshot, { at }));

const touched = (change: Change) => change.puts.map((p) => `${p.entity.type}/${p.entity.id}`);

/** A district that is one small area, both with the ring given in units of 0.001° from (121, 31). */
function oneAreaDistrict(...units: Array<[number, number]>): EditSnapshot {
  const ring = [...units, units[0]].map(([x, y]) => [121 + x / 1000, 31 + y / 1000]);
  const geometry: Polygon = { type: "Polygon", coordinates: [ring] };
  const base = vertexTownship();
  return deepFreeze({
    districts: [{ ...base.districts[0], id: 5, geometry }],
    smallAreas: [{ ...base.smallAreas[0], id: 51, districtId: 5, geometry }],
  });
}
const at = (x: number, y: number): Position => [121 + x / 1000, 31 + y / 1000];

describe("deleteSharedVertex", () => {
  it("deletes a bend of the district boundary from both districts and the small areas that follow it", () => {
    const township = vertexTownship();
    const change = deleted(township, W);
    expect(change.label).toBe("delete_vertex");
    expect(touched(change)).toEqual(["district/1", "district/2", "small_area/12", "small_area/21"]);
    const { next, back } = applyAndUndo(township, change);
    expect(outerRing(next, "small_area", 12)).toEqual([[120.005, 30], B, V, T, [120.005, 30]]);
    expect(partitionErrors(next, TOWNSHIP)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
  });

  it("deletes a district vertex that lies on a small area's straight edge from the district alone", () => {
    const township = vertexTownship();
    const change = deleted(township, K);
    expect(touched(change)).toEqual(["district/1"]);
    const { next, back } = applyAndUndo(township, change);
    expect(partitionErrors(next, TOWNSHIP)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
  });

  describe("refuses", () => {
    const township = vertexTownship();
    const refusal = (position: Position, snapshot = township) => {
      const result = deleteSharedVertex(snapshot, { at: position });
      return result.ok ? "ok" : `${result.reason} ${result.place ?? ""}`.trim();
    };

    it("a position that is no vertex, or not a position", () => {
      expect(refusal([120.003, 30.003])).toBe("vertex_not_found");
      expect(refusal([Number.NaN, 30])).toBe("invalid_coordinates");
    });

    it("a vertex where three or more boundaries meet: the T-junction and the district-boundary junction", () => {
      expect(refusal(T)).toBe("vertex_at_junction");
      expect(refusal(V)).toBe("vertex_at_junction");
      expect(refusal(B)).toBe("vertex_at_junction");
    });

    it("a ring left with fewer than 3 vertices", () => {
      expect(refusal(at(0, 0), oneAreaDistrict([0, 0], [4, 0], [0, 4]))).toBe("too_few_vertices");
    });

    it("a ring that would cross itself", () => {
      // a slot cut in from the west: without the south-east corner, the new edge cuts across the slot
      const slotted = oneAreaDistrict([0, 0], [10, 0], [10, 8], [10, 10], [0, 10], [0, 6], [6, 6], [6, 4], [0, 4]);
      expect(refusal(at(10, 0), slotted)).toBe("self_intersection district/5");
    });
  });
});
