import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { verticesOf } from "@/lib/geo/rings";
import { applyAndUndo, at, changeOf, FIXTURE, fixtureSnapshot, gridPolygon, partitionIssues, polygonOf, withoutVersions } from "../test-fixtures";
import type { EditSnapshot } from "../types";
import { drawSmallArea } from "./draw-small-area";

const snapshot = fixtureSnapshot();
const districtId = FIXTURE.emptyDistrict;
const has = (geometry: Polygon, p: Position) => verticesOf(geometry).some((q) => q[0] === p[0] && q[1] === p[1]);
const kinds = (s: EditSnapshot) => partitionIssues(s).map((i) => i.kind);

function draw(s: EditSnapshot, points: Array<[number, number]>, code?: string) {
  const change = changeOf(drawSmallArea(s, { districtId, polygon: gridPolygon(points), code }));
  return { change, ...applyAndUndo(s, change) };
}

describe("drawSmallArea", () => {
  it("clips the drawing to the district, takes the next free code, and undoes", () => {
    const { change, next, back } = draw(snapshot, [[-2, 12], [4, 12], [4, 22], [-2, 22]]);
    expect(change.label).toBe("draw_small_area");
    const made = change.puts[0].entity;
    expect(made).toMatchObject({ id: -1, version: 0, districtId, code: "001", status: "draft", isVirtual: false });
    const geometry = polygonOf(made);
    expect(has(geometry, at(0, 20))).toBe(true); // the district's corner, bit-for-bit
    expect(verticesOf(geometry).every((q) => q[0] >= at(0, 0)[0] && q[1] <= at(0, 20)[1])).toBe(true);
    // the clipped corners (0, 12) and (4, 20) are new vertices of the district
    expect(change.puts.slice(1).map((p) => `${p.entity.type}/${p.entity.id}`)).toEqual(["district/3"]);
    expect(kinds(next)).toEqual(["gap"]);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("keeps away from the small areas already drawn, sharing their vertices", () => {
    const first = draw(snapshot, [[-2, 12], [4, 12], [4, 22], [-2, 22]]).next;
    const { change, next, back } = draw(first, [[2, 10], [10, 10], [10, 20], [2, 20]], "005");
    const geometry = polygonOf(change.puts[0].entity);
    expect(change.puts[0].entity).toMatchObject({ id: -2, code: "005" });
    const firstArea = first.smallAreas.find((s) => s.id === -1)!.geometry as Polygon;
    for (const corner of [at(4, 12), at(4, 20)]) {
      const theirs = verticesOf(firstArea).find((q) => Math.abs(q[0] - corner[0]) < 1e-12 && Math.abs(q[1] - corner[1]) < 1e-12)!;
      expect(has(geometry, theirs)).toBe(true);
    }
    expect(kinds(next)).toEqual(["gap"]); // only the corner (0–2, 10–12) is left
    expect(withoutVersions(back)).toEqual(withoutVersions(first));
  });

  it("fills the last gap exactly", () => {
    const first = draw(snapshot, [[-2, 12], [4, 12], [4, 22], [-2, 22]]).next;
    const second = draw(first, [[2, 10], [10, 10], [10, 20], [2, 20]]).next;
    const { next } = draw(second, [[-1, 9], [3, 9], [3, 13], [-1, 13]]);
    expect(kinds(next)).toEqual([]);
  });

  it("keeps the largest part when the district's small areas cut the drawing in pieces", () => {
    const strip = draw(snapshot, [[4, 9], [6, 9], [6, 21], [4, 21]]).next;
    const { change } = draw(strip, [[2, 12], [9, 12], [9, 14], [2, 14]]);
    const geometry = polygonOf(change.puts[0].entity);
    expect(verticesOf(geometry).every((q) => q[0] >= at(6, 0)[0])).toBe(true);
  });

  it("refuses drawings outside the district or on taken ground, and bad codes", () => {
    const polygon = gridPolygon([[1, 12], [3, 12], [3, 14]]);
    expect(drawSmallArea(snapshot, { districtId, polygon: gridPolygon([[30, 30], [31, 30], [31, 31]]) })).toMatchObject({ ok: false, reason: "outside_district" });
    expect(drawSmallArea(snapshot, { districtId: FIXTURE.district, polygon: gridPolygon([[1, 1], [2, 1], [2, 2]]) })).toMatchObject({ ok: false, reason: "no_free_ground" });
    expect(drawSmallArea(snapshot, { districtId: FIXTURE.district, polygon, code: "003" })).toMatchObject({ ok: false, reason: "code_taken" });
    expect(drawSmallArea(snapshot, { districtId, polygon, code: "900" })).toMatchObject({ ok: false, reason: "bad_code" });
    expect(drawSmallArea(snapshot, { districtId, polygon, code: "1" })).toMatchObject({ ok: false, reason: "bad_code" });
    expect(drawSmallArea(snapshot, { districtId: 99, polygon })).toMatchObject({ ok: false, reason: "not_found" });
    expect(drawSmallArea(snapshot, { districtId, polygon: gridPolygon([[1, 12], [3, 14], [3, 12], [1, 14]]) })).toMatchObject({ ok: false, reason: "self_intersection" });
  });
});
