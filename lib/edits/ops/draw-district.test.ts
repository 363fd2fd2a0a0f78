import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { verticesOf } from "@/lib/geo/rings";
import { applyAndUndo, at, changeOf, fixtureSnapshot, gridPolygon, partitionIssues, polygonOf, withoutVersions } from "../test-fixtures";
import type { DistrictEntity, EditSnapshot } from "../types";
import { drawDistrict, type DrawDistrictInput } from "./draw-district";

const snapshot = fixtureSnapshot();
const input = (polygon: Polygon, code = "330199101204"): DrawDistrictInput => ({ townshipId: 1, polygon, code, nameZh: "新村", nameEn: "Xincun", kind: "village" });
const has = (geometry: Polygon, p: Position) => verticesOf(geometry).some((q) => q[0] === p[0] && q[1] === p[1]);
const geometryOf = (s: EditSnapshot, type: "district" | "small_area", id: number) =>
  (type === "district" ? s.districts : s.smallAreas).find((e) => e.id === id)!.geometry as Polygon;

describe("drawDistrict", () => {
  it("adds a district beside its neighbour, sharing the neighbour's vertices, and undoes", () => {
    const change = changeOf(drawDistrict(snapshot, input(gridPolygon([[20, 0], [30, 0], [30, 10], [20, 10]]))));
    expect(change.label).toBe("draw_district");
    expect(change.puts).toHaveLength(1);
    const made = change.puts[0].entity as DistrictEntity;
    expect(made).toMatchObject({ id: -1, version: 0, code: "330199101204", townshipId: 1, nameZh: "新村", kind: "village" });
    expect(has(made.geometry as Polygon, at(20, 5))).toBe(true); // district 2's vertex on the shared edge
    const { next, back } = applyAndUndo(snapshot, change);
    expect(partitionIssues(next)).toEqual([]);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("takes away ground already in a district, and gives the new boundary vertices to the neighbours", () => {
    const change = changeOf(drawDistrict(snapshot, input(gridPolygon([[15, 2], [25, 2], [25, 8], [15, 8]]))));
    const made = polygonOf(change.puts[0].entity);
    expect(verticesOf(made).every((q) => q[0] >= at(20, 0)[0])).toBe(true);
    expect(change.puts.slice(1).map((p) => `${p.entity.type}/${p.entity.id}`)).toEqual(["district/2", "small_area/21", "small_area/22"]);
    const { next, back } = applyAndUndo(snapshot, change);
    expect(partitionIssues(next)).toEqual([]);
    for (const corner of [at(20, 2), at(20, 8)]) {
      const shared = verticesOf(made).find((q) => q[0] === corner[0] && Math.abs(q[1] - corner[1]) < 1e-12)!;
      expect(has(geometryOf(next, "district", 2), shared)).toBe(true);
    }
    expect(has(geometryOf(next, "small_area", 21), verticesOf(made).find((q) => Math.abs(q[1] - at(0, 2)[1]) < 1e-12 && q[0] === at(20, 0)[0])!)).toBe(true);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("clips the drawing to the township's outline and takes the outline's vertices on its edges", () => {
    const township = gridPolygon([[0, 0], [28, 0], [28, 5], [26, 10], [0, 10]]);
    const change = changeOf(drawDistrict(snapshot, { ...input(gridPolygon([[20, -3], [35, -3], [35, 13], [20, 13]])), township }));
    const made = polygonOf(change.puts[0].entity);
    expect(verticesOf(made).every((q) => q[0] <= at(28, 0)[0] && q[1] >= at(0, 0)[1] && q[1] <= at(0, 10)[1])).toBe(true);
    expect(has(made, at(28, 5))).toBe(true);
    expect(partitionIssues(applyAndUndo(snapshot, change).next)).toEqual([]);
    expect(drawDistrict(snapshot, { ...input(gridPolygon([[40, 0], [45, 0], [45, 5], [40, 5]])), township })).toMatchObject({ ok: false, reason: "outside_district" });
  });

  it("keeps the largest part when existing districts cut the drawing in pieces", () => {
    const change = changeOf(drawDistrict(snapshot, input(gridPolygon([[-5, 12], [17, 12], [17, 14], [-5, 14]]))));
    const made = polygonOf(change.puts[0].entity);
    expect(made.type).toBe("Polygon");
    expect(verticesOf(made).every((q) => q[0] >= at(10, 0)[0])).toBe(true);
  });

  it("refuses bad codes, names and outlines, and ground that is all taken", () => {
    const square = gridPolygon([[20, 0], [30, 0], [30, 10], [20, 10]]);
    expect(drawDistrict(snapshot, input(square, "12345"))).toMatchObject({ ok: false, reason: "bad_code", place: "code" });
    expect(drawDistrict(snapshot, input(square, "330199101202"))).toMatchObject({ ok: false, reason: "code_taken" });
    expect(drawDistrict(snapshot, { ...input(square), nameZh: "" })).toMatchObject({ ok: false, reason: "invalid", place: "nameZh" });
    const bowtie = gridPolygon([[20, 0], [30, 10], [30, 0], [20, 10]]);
    expect(drawDistrict(snapshot, input(bowtie))).toMatchObject({ ok: false, reason: "self_intersection", place: "polygon.coordinates[0]" });
    expect(drawDistrict(snapshot, input(gridPolygon([[20, 0], [30, 0]])))).toMatchObject({ ok: false, reason: "too_few_vertices" });
    const offGlobe: Polygon = { type: "Polygon", coordinates: [[[200, 0], [201, 0], [201, 1], [200, 0]]] };
    expect(drawDistrict(snapshot, input(offGlobe))).toMatchObject({ ok: false, reason: "invalid_coordinates" });
    expect(drawDistrict(snapshot, input(gridPolygon([[1, 1], [4, 1], [4, 4]])))).toMatchObject({ ok: false, reason: "no_free_ground" });
  });

  it("closes an outline drawn without its closing position", () => {
    const open: Polygon = { type: "Polygon", coordinates: [[at(20, 0), at(30, 0), at(30, 10), at(20, 10)]] };
    expect(drawDistrict(snapshot, input(open)).ok).toBe(true);
  });
});
