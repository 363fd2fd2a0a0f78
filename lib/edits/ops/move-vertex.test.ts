import { describe, expect, it } from "vitest";
import { applyChange } from "../apply-change";
import { applyAndUndo, changeOf, withoutVersions } from "../test-fixtures";
import type { Change, EditSnapshot } from "../types";
import { moveVertex } from "@/lib/geo/shared-vertex";
import { moveSharedVertex } from "./move-vertex";
import { A, B, K, T, TOWNSHIP, V, W, outerRing, partitionErrors, vertexTownship } from "./vertex-fixtures";

const moved = (snapshot: EditSnapshot, from: number[], to: number[]): Change => changeOf(moveSharedVertex(snapshot, { from, to }));

/** What a drawing library does on its own: moves the vertex where it is a vertex, heals no T-junction. */
function naiveMove(snapshot: EditSnapshot, from: number[], to: number[]): EditSnapshot {
  const move = <E extends { geometry: unknown }>(e: E): E => {
    const [geometry] = moveVertex([e.geometry as never], from, to);
    return { ...e, geometry };
  };
  return { districts: snapshot.districts.map(move), smallAreas: snapshot.smallAreas.map(move) };
}

const touched = (change: Change) => change.puts.map((p) => `${p.entity.type}/${p.entity.id}`);

describe("moveSharedVertex", () => {
  it("moves a T-junction (corner of two small areas on the straight edge of a third) in all three", () => {
    const township = vertexTownship();
    const change = moved(township, T, [120.004, 30.0065]);
    expect(change.label).toBe("move_vertex");
    // S1 did not have T: it gets it (its edge A–D bends at T) rather than opening a gap
    expect(touched(change)).toEqual(["small_area/11", "small_area/12", "small_area/13"]);
    const { next, back } = applyAndUndo(township, change);
    expect(outerRing(next, "small_area", 11)).toEqual([[120, 30], A, [120.004, 30.0065], [120.005, 30.01], [120, 30.01], [120, 30]]);
    expect(partitionErrors(next, TOWNSHIP)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
  });

  it("would open a gap and an overlap at the T-junction if the third area were left alone", () => {
    const township = vertexTownship();
    const west = naiveMove(township, T, [120.004, 30.0065]);
    expect(partitionErrors(west).map((e) => e.split(" ")[0])).toEqual(["overlap"]);
    const east = naiveMove(township, T, [120.006, 30.0065]);
    expect(partitionErrors(east).map((e) => e.split(" ")[0])).toEqual(["gap"]);
  });

  it("moves a district-boundary junction in both districts and the small areas on both sides", () => {
    const township = vertexTownship();
    const change = moved(township, V, [120.0105, 30.0065]);
    expect(touched(change)).toEqual(["district/1", "district/2", "small_area/12", "small_area/13", "small_area/21", "small_area/22"]);
    expect(change.puts.map((p) => p.baseVersion)).toEqual([4, 7, 3, 1, 5, 6]);
    const { next, back } = applyAndUndo(township, change);
    expect(partitionErrors(next, TOWNSHIP)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
  });

  it("moves a bend of the district boundary: the small areas that follow it move too", () => {
    const township = vertexTownship();
    const change = moved(township, W, [120.0125, 30.0028]);
    expect(touched(change)).toEqual(["district/1", "district/2", "small_area/12", "small_area/21"]);
    const { next, back } = applyAndUndo(township, change);
    expect(partitionErrors(next, TOWNSHIP)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
  });

  it("moves a district vertex lying on a small area's straight edge: the small area follows", () => {
    const township = vertexTownship();
    const change = moved(township, K, [119.999, 30.004]);
    expect(touched(change)).toEqual(["district/1", "small_area/11"]);
    const { next, back } = applyAndUndo(township, change);
    expect(partitionErrors(next)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
  });

  it("moves a small-area corner on the district's straight edge: the district boundary follows", () => {
    const township = vertexTownship();
    const change = moved(township, A, [120.005, 29.999]);
    expect(touched(change)).toEqual(["district/1", "small_area/11", "small_area/12"]);
    const { next } = applyAndUndo(township, change);
    expect(partitionErrors(next)).toEqual([]);
  });

  it("drops a vertex on another vertex as a plain move, and a drag back to the start changes nothing", () => {
    const township = vertexTownship();
    const change = moved(township, W, B);
    expect(touched(change)).toEqual(["district/1", "district/2", "small_area/12", "small_area/21"]);
    const { next, back } = applyAndUndo(township, change);
    expect(outerRing(next, "district", 1)).toEqual([[120, 30], B, B, V, [120.01, 30.01], [120, 30.01], K, [120, 30]]);
    expect(partitionErrors(next, TOWNSHIP)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(township));
    expect(moved(township, V, [...V])).toEqual({ label: "move_vertex", puts: [], deletes: [] });
  });

  it("finds a vertex within the tolerance, and moves every copy of it", () => {
    const township = vertexTownship();
    const change = moved(township, [V[0] + 5e-10, V[1] - 5e-10], [120.0105, 30.0065]);
    expect(touched(change)).toHaveLength(6);
    const after = applyChange(township, change);
    expect(after.ok && after.next.smallAreas.every((s) => !JSON.stringify(s.geometry).includes("[120.01,30.006]"))).toBe(true);
  });

  describe("refuses", () => {
    const township = vertexTownship();
    const refusal = (from: number[], to: number[]) => {
      const result = moveSharedVertex(township, { from, to });
      return result.ok ? "ok" : `${result.reason} ${result.place ?? ""}`.trim();
    };

    it("a position that is no vertex, or not a position", () => {
      expect(refusal([120.003, 30.003], [120.004, 30.004])).toBe("vertex_not_found");
      expect(refusal(T, [Number.NaN, 30])).toBe("invalid_coordinates");
      expect(refusal(T, [200, 30])).toBe("invalid_coordinates");
    });

    it("a small-area vertex inside its district dragged out of it", () => {
      expect(refusal(T, [119.999, 30.006])).toBe("outside_district small_area/11");
      const result = moveSharedVertex(township, { from: T, to: [119.999, 30.006] });
      expect(result.ok ? null : result.at).toEqual([119.999, 30.006]);
    });

    it("a ring that would cross itself", () => {
      expect(refusal(K, [120.006, 30.004])).toBe("self_intersection small_area/11");
    });

    it("an edge that would cut into an area that does not share it", () => {
      // S1's new edge A'–D passes east of T, through S2 and S3
      expect(refusal(A, [120.007, 30.002])).toBe("would_overlap small_area/11");
      const result = moveSharedVertex(township, { from: A, to: [120.007, 30.002] });
      const at = result.ok ? [] : (result.at ?? []);
      expect(at[0]).toBeCloseTo(120.006, 12);
      expect(at[1]).toBeCloseTo(30.006, 12);
    });
  });
});
