import { describe, expect, it } from "vitest";
import type { Polygon } from "geojson";
import type { SmallAreaStatus } from "@/lib/domain/types";
import type { Change, EditSnapshot, SmallAreaEntity } from "@/lib/edits/types";
import { areasReopenedBy } from "./workflow-reopen";

const square = (size: number): Polygon => ({ type: "Polygon", coordinates: [[[0, 0], [size, 0], [size, size], [0, size], [0, 0]]] });
const area = (id: number, status: SmallAreaStatus): SmallAreaEntity => ({
  type: "small_area", id, version: 1, districtId: 1, code: `00${id}`, name: null, isVirtual: false, geometry: square(1), status, notes: null,
});
const snapshot = (...areas: SmallAreaEntity[]): EditSnapshot => ({ districts: [], smallAreas: areas });
const put = (entity: SmallAreaEntity): Change => ({ label: "move_vertex", puts: [{ entity, baseVersion: entity.version }], deletes: [] });

describe("areasReopenedBy (the editor's warning before a signed-off boundary changes)", () => {
  it("names approved, confirmed and ready areas whose geometry the Change alters", () => {
    for (const status of ["approved", "confirmed", "ready"] as const) {
      expect(areasReopenedBy(snapshot(area(1, status)), put({ ...area(1, status), geometry: square(2) })), status).toEqual(["001"]);
    }
  });

  it("does not ask for drafts, submitted or returned areas, for a rename, or for a new area", () => {
    for (const status of ["draft", "submitted", "returned"] as const) {
      expect(areasReopenedBy(snapshot(area(1, status)), put({ ...area(1, status), geometry: square(2) })), status).toEqual([]);
    }
    expect(areasReopenedBy(snapshot(area(1, "approved")), put({ ...area(1, "approved"), name: "东片" }))).toEqual([]);
    expect(areasReopenedBy(snapshot(area(1, "approved")), put({ ...area(1, "draft"), id: -1, geometry: square(2) }))).toEqual([]);
  });
});
