import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { applyAndUndo, changeOf, deepFreeze, withoutVersions } from "../test-fixtures";
import type { Change, EditSnapshot } from "../types";
import { insertSharedVertex } from "./insert-vertex";
import { A, B, C, D, K, T, TOWNSHIP, V, W, outerRing, partitionErrors, vertexTownship } from "./vertex-fixtures";

const SW: Position = [120, 30];
const NW: Position = [120, 30.01];

const inserted = (snapshot: EditSnapshot, segment: [Position, Position], at: Position): Change => changeOf(insertSharedVertex(snapshot, { segment, at }));

const touched = (change: Change) => change.puts.map((p) => `${p.entity.type}/${p.entity.id}`);

describe("insertSharedVertex", () => {
  it("inserts a dragged midpoint of an edge two small areas share into both", () => {
    const township = vertexTownship();
    const at: Position = [120.0075, 30.0068];
    const change = inserted(township, [T, V], at);
    expect(change.label).toBe("insert_vertex");
    expect(touched(change)).toEqual(["small_area/12", "small_area/13"]);
    const { next, back } = applyAndUndo(township, change);
    expect(outerRing(next, "small_area", 12)).toEqual([A, B, W, V, at, T, A]);
    expect(outerRing(next, "small_area", 13)).toEqual([T, at, V, C, D, T]);
    expect(partitionErrors(next, TOWNSHIP)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
  });

  it("inserts on a district boundary in both districts and the small areas on both sides", () => {
    const township = vertexTownship();
    const change = inserted(township, [V, C], [120.0105, 30.008]);
    expect(touched(change)).toEqual(["district/1", "district/2", "small_area/13", "small_area/22"]);
    const { next, back } = applyAndUndo(township, change);
    expect(partitionErrors(next, TOWNSHIP)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
  });

  it("on the straight edge of a T-junction, the new vertex goes into the piece under the handle, on both sides", () => {
    const township = vertexTownship();
    // S1's edge A–D has T (corner of S2 and S3) inside it; the handle (midpoint of A–D) lies in A–T, S2's edge
    const at: Position = [120.004, 30.005];
    const change = inserted(township, [A, D], at);
    expect(touched(change)).toEqual(["small_area/11", "small_area/12"]);
    const { next, back } = applyAndUndo(township, change);
    expect(outerRing(next, "small_area", 11)).toEqual([SW, A, at, T, D, NW, SW]);
    expect(outerRing(next, "small_area", 12)).toEqual([A, B, W, V, T, at, A]);
    expect(partitionErrors(next, TOWNSHIP)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
  });

  it("a handle exactly on a junction goes into the piece after it; a district edge carries its small areas", () => {
    const township = vertexTownship();
    // the midpoint of D1's south edge SW–B is A, the corner of S1 and S2: the new vertex goes into A–B
    const at: Position = [120.0075, 29.999];
    const change = inserted(township, [SW, B], at);
    expect(touched(change)).toEqual(["district/1", "small_area/12"]);
    const { next } = applyAndUndo(township, change);
    expect(outerRing(next, "district", 1)).toEqual([SW, A, at, B, W, V, C, NW, K, SW]);
    expect(partitionErrors(next)).toEqual([]);
  });

  it("a vertex inserted on the edge where a neighbour already has one is only added where it was missing", () => {
    const township = vertexTownship();
    const change = inserted(township, [A, D], T);
    expect(touched(change)).toEqual(["small_area/11"]);
    const { next } = applyAndUndo(township, change);
    expect(outerRing(next, "small_area", 11)).toEqual([SW, A, T, D, NW, SW]);
  });

  describe("refuses", () => {
    const township = vertexTownship();
    const refusal = (segment: [Position, Position], at: Position, snapshot = township) => {
      const result = insertSharedVertex(snapshot, { segment, at });
      return result.ok ? "ok" : `${result.reason} ${result.place ?? ""}`.trim();
    };

    it("an edge no area has, or positions that are not positions", () => {
      expect(refusal([[120.001, 30.001], [120.002, 30.002]], [120.0015, 30.0015])).toBe("edge_not_found");
      expect(refusal([SW, C], [120.005, 30.005])).toBe("edge_not_found");
      expect(refusal([T, V], [Number.POSITIVE_INFINITY, 30])).toBe("invalid_coordinates");
    });

    it("a new vertex dragged out of the district", () => {
      expect(refusal([T, V], [120.0075, 29.999])).toBe("outside_district small_area/12");
    });

    it("a new vertex that folds a ring over itself", () => {
      // W–V is the D1/D2 boundary; pulled far west, S2's new edge crosses its own edge T–A
      expect(refusal([W, V], [120.004, 30.004])).toBe("self_intersection small_area/12");
    });

    it("a new vertex whose edges cut into an area that does not share the edge", () => {
      // a district that touches D1 only at its south-west corner
      const corner = deepFreeze({
        ...township,
        districts: [
          ...township.districts,
          { ...township.districts[0], id: 3, code: "330199101203", version: 1, geometry: { type: "Polygon" as const, coordinates: [[[119.99, 29.99], [120, 29.99], SW, [119.99, 30], [119.99, 29.99]]] } },
        ],
      });
      expect(refusal([K, SW], [119.999, 29.999], corner)).toBe("would_overlap district/1");
    });
  });
});
