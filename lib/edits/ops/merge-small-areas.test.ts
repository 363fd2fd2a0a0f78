import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { polygonAreaM2 } from "@/lib/geo/ring-area";
import { applyAndUndo, at, changeOf, FIXTURE, fixtureSnapshot, partitionIssues, polygonOf, withoutVersions } from "../test-fixtures";
import type { EditSnapshot } from "../types";
import { mergeSmallAreas } from "./merge-small-areas";

const snapshot = fixtureSnapshot();
const { smallArea } = FIXTURE;
const areaOf = (s: EditSnapshot, id: number) => polygonAreaM2(s.smallAreas.find((a) => a.id === id)!.geometry as Polygon);

describe("mergeSmallAreas", () => {
  it("keeps the lowest code and deletes the others, at the versions read", () => {
    const change = changeOf(mergeSmallAreas(snapshot, { ids: [smallArea["006"], smallArea["005"]] }));
    expect(change.label).toBe("merge_small_areas");
    expect(change.puts.map((p) => [p.entity.id, p.baseVersion])).toEqual([[smallArea["005"], 5]]);
    expect(change.deletes).toEqual([{ type: "small_area", id: smallArea["006"], baseVersion: 1 }]);
    expect(polygonOf(change.puts[0].entity).coordinates[0]).toHaveLength(7); // (3, 2.5) and (0, 2.5) stay
  });

  it.each([
    ["two stacked small areas", ["005", "006"]],
    ["small areas joined through T-junctions", ["004", "001", "005"]],
    ["small areas joined along part of an edge", ["002", "003"]],
    ["every small area of the district", ["001", "002", "003", "004", "005", "006"]],
  ] as const)("merges %s, keeping the partition exactly, and undoes", (_, codes) => {
    const ids = codes.map((c) => smallArea[c]);
    const { next, back } = applyAndUndo(snapshot, changeOf(mergeSmallAreas(snapshot, { ids })));
    expect(partitionIssues(next)).toEqual([]);
    const kept = Math.min(...ids);
    const sum = ids.reduce((s, id) => s + areaOf(snapshot, id), 0);
    expect(Math.abs(areaOf(next, kept) - sum) / sum).toBeLessThan(1e-12);
    expect(next.smallAreas.filter((a) => ids.includes(a.id as never)).map((a) => a.id)).toEqual([kept]);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("keeps the vertices neighbours share", () => {
    const change = changeOf(mergeSmallAreas(snapshot, { ids: [smallArea["002"], smallArea["003"]] }));
    const ring = polygonOf(change.puts[0].entity).coordinates[0];
    expect(ring).toContainEqual(at(10, 5)); // shared with district 2 and its small areas
    expect(ring).toContainEqual(at(7, 0));
  });

  it("refuses merges that make no sense", () => {
    expect(mergeSmallAreas(snapshot, { ids: [11] })).toMatchObject({ ok: false, reason: "merge_needs_two" });
    expect(mergeSmallAreas(snapshot, { ids: [11, 11] })).toMatchObject({ ok: false, reason: "merge_needs_two" });
    expect(mergeSmallAreas(snapshot, { ids: [] })).toMatchObject({ ok: false, reason: "merge_needs_two" });
    expect(mergeSmallAreas(snapshot, { ids: [11, 99] })).toMatchObject({ ok: false, reason: "not_found", place: "small_area/99" });
    expect(mergeSmallAreas(snapshot, { ids: [12, 21] })).toMatchObject({ ok: false, reason: "merge_different_districts" });
    expect(mergeSmallAreas(snapshot, { ids: [smallArea["006"], smallArea["003"]] })).toMatchObject({ ok: false, reason: "merge_not_adjacent" });
    expect(mergeSmallAreas(snapshot, { ids: [11, FIXTURE.virtualSmallArea] })).toMatchObject({ ok: false, reason: "merge_not_adjacent", place: "small_area/17" });
  });
});
