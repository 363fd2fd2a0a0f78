import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { polygonAreaM2 } from "@/lib/geo/ring-area";
import { verticesOf } from "@/lib/geo/rings";
import { applyAndUndo, at, changeOf, deepFreeze, FIXTURE, fixtureSnapshot, partitionIssues, polygonOf, withoutVersions } from "../test-fixtures";
import type { EditSnapshot, SmallAreaEntity } from "../types";
import { makeDistrictOneSmallArea, splitDistrict, splitSmallArea } from "./split-area";

const snapshot = fixtureSnapshot();
const area = (s: EditSnapshot, id: number) => s.smallAreas.find((a) => a.id === id)!;
const has = (geometry: Polygon, p: Position) => verticesOf(geometry).some((q) => q[0] === p[0] && q[1] === p[1]);
const relative = (a: number, b: number) => Math.abs(a - b) / b;

describe("splitSmallArea", () => {
  const id = FIXTURE.smallArea["004"];
  const line = [at(4, -1), at(4, 5)]; // ends on the T-junction edge shared with 001

  it("keeps the larger piece in the small area and gives the other to a new draft small area", () => {
    const change = changeOf(splitSmallArea(snapshot, { id, line }));
    expect(change.label).toBe("split_small_area");
    const [kept, made] = change.puts;
    expect(kept.baseVersion).toBe(area(snapshot, id).version);
    expect(kept.entity).toMatchObject({ id, code: "004" });
    expect(made).toMatchObject({ baseVersion: null, entity: { id: -1, version: 0, districtId: FIXTURE.district, code: "007", status: "draft", name: null } });
    const keptArea = polygonAreaM2(polygonOf(kept.entity));
    expect(keptArea).toBeGreaterThan(polygonAreaM2(polygonOf(made.entity)));
    expect(change.puts.slice(2).map((p) => [`${p.entity.type}/${p.entity.id}`, p.baseVersion])).toEqual([["district/1", 4], ["small_area/11", 3]]);
  });

  it("tiles the old small area exactly and gives the cut's ends to the neighbours", () => {
    const { next, back } = applyAndUndo(snapshot, changeOf(splitSmallArea(snapshot, { id, line })));
    expect(partitionIssues(next)).toEqual([]);
    const pieces = [area(next, id), area(next, -1)].map((a) => a.geometry as Polygon);
    expect(relative(polygonAreaM2(pieces[0]) + polygonAreaM2(pieces[1]), polygonAreaM2(area(snapshot, id).geometry as Polygon))).toBeLessThan(1e-12);
    // (4, 5) is new on the edge of 001; (4, 0) is new on the edge of the district
    expect(has(area(next, FIXTURE.smallArea["001"]).geometry as Polygon, at(4, 5))).toBe(true);
    const cutEnd = verticesOf(pieces[0]).find((q) => Math.abs(q[0] - at(4, 0)[0]) < 1e-12 && q[1] === at(4, 0)[1])!;
    expect(has(next.districts[0].geometry as Polygon, cutEnd)).toBe(true);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("refuses what it cannot split", () => {
    expect(splitSmallArea(snapshot, { id: 99, line })).toMatchObject({ ok: false, reason: "not_found", place: "small_area/99" });
    expect(splitSmallArea(snapshot, { id: FIXTURE.virtualSmallArea, line })).toMatchObject({ ok: false, reason: "invalid" });
    expect(splitSmallArea(snapshot, { id, line: [at(4, 1), at(4, 3)] })).toMatchObject({ ok: false, reason: "split_line_does_not_cross", place: "small_area/14" });
    expect(splitSmallArea(snapshot, { id, line: [at(4, -1), at(4, 6), at(6, 6), at(6, -1)] })).toMatchObject({ ok: false, reason: "split_line_crosses_twice" });
    expect(splitSmallArea(snapshot, { id, line: [at(4, -1), [Number.NaN, 30]] })).toMatchObject({ ok: false, reason: "invalid_coordinates", place: "line[1]" });
    expect(splitSmallArea(snapshot, { id, line: [at(4, -1)] })).toMatchObject({ ok: false, reason: "split_line_does_not_cross" });
  });

  it("refuses when the district has no free code left", () => {
    const filler: SmallAreaEntity[] = Array.from({ length: 893 }, (_, k) => ({
      ...area(snapshot, FIXTURE.virtualSmallArea), id: 1000 + k, code: String(7 + k).padStart(3, "0"), isVirtual: false,
    }));
    const full = deepFreeze({ ...snapshot, smallAreas: [...snapshot.smallAreas, ...filler] });
    expect(splitSmallArea(full, { id, line })).toMatchObject({ ok: false, reason: "no_free_code" });
  });
});

describe("splitDistrict", () => {
  const id = FIXTURE.emptyDistrict;
  const line = [at(-1, 15), at(11, 15)];

  it("makes the first two small areas of an undivided district, numbered north-west first", () => {
    const change = changeOf(splitDistrict(snapshot, { id, line }));
    expect(change.label).toBe("split_district");
    const made = change.puts.filter((p) => p.baseVersion === null).map((p) => p.entity as SmallAreaEntity);
    expect(made.map((a) => [a.id, a.code, a.districtId, a.status])).toEqual([[-1, "001", id, "draft"], [-2, "002", id, "draft"]]);
    const north = made[0].geometry as Polygon;
    expect(verticesOf(north).every((q) => q[1] >= at(0, 15)[1])).toBe(true);
    // the cut's ends are new vertices of the district itself
    expect(change.puts.filter((p) => p.baseVersion !== null).map((p) => p.entity.id)).toEqual([id]);
  });

  it("tiles the district exactly, and undoes", () => {
    const { next, back } = applyAndUndo(snapshot, changeOf(splitDistrict(snapshot, { id, line })));
    expect(partitionIssues(next)).toEqual([]);
    const pieces = next.smallAreas.filter((a) => a.districtId === id).map((a) => polygonAreaM2(a.geometry as Polygon));
    expect(relative(pieces[0] + pieces[1], polygonAreaM2(snapshot.districts[2].geometry as Polygon))).toBeLessThan(1e-12);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("splits a district whose only small areas are virtual, and refuses one with territorial small areas", () => {
    const virtual: SmallAreaEntity = { ...area(snapshot, FIXTURE.virtualSmallArea), id: 30, districtId: id };
    const withVirtual = deepFreeze({ ...snapshot, smallAreas: [...snapshot.smallAreas, virtual] });
    expect(splitDistrict(withVirtual, { id, line }).ok).toBe(true);
    expect(splitDistrict(snapshot, { id: FIXTURE.district, line: [at(-1, 3), at(11, 3)] })).toMatchObject({ ok: false, reason: "district_has_small_areas", place: "district/1" });
    expect(splitDistrict(snapshot, { id: 99, line })).toMatchObject({ ok: false, reason: "not_found" });
    expect(splitDistrict(snapshot, { id, line: [at(-1, 25), at(11, 25)] })).toMatchObject({ ok: false, reason: "split_line_does_not_cross", place: "district/3" });
  });
});

describe("makeDistrictOneSmallArea", () => {
  it("gives an undivided district one small area covering it, and undoes", () => {
    const change = changeOf(makeDistrictOneSmallArea(snapshot, { id: FIXTURE.emptyDistrict }));
    expect(change.puts).toHaveLength(1);
    expect(change.puts[0].entity).toMatchObject({ id: -1, code: "001", districtId: FIXTURE.emptyDistrict, geometry: snapshot.districts[2].geometry });
    const { next, back } = applyAndUndo(snapshot, change);
    expect(partitionIssues(next)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
    expect(makeDistrictOneSmallArea(snapshot, { id: FIXTURE.district })).toMatchObject({ ok: false, reason: "district_has_small_areas" });
  });
});
