import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { seedEditTownship, W } from "@/db/edit-test-fixture";
import { applyDistrict, previewDistrict } from "./renumber-district";
import type { Editor } from "./permission";

const admin: Editor = { id: 1, username: "admin", role: "admin" };
const guide: Editor = { id: 2, username: "guide", role: "guide" };

let db: Db;
beforeEach(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
});

describe("renumbering a district from the UI", () => {
  it("previews, then applies exactly what was previewed", () => {
    const preview = previewDistrict(db, W);
    expect(preview).toMatchObject({ ok: true, changeId: null });
    if (!preview.ok) throw new Error("expected a preview");
    expect(preview.preview.buildings).toHaveLength(4);
    const applied = applyDistrict(db, W, preview.preview, admin);
    expect(applied).toMatchObject({ ok: true, preview: preview.preview, changeId: expect.any(String) });
    expect(previewDistrict(db, W)).toMatchObject({ ok: true, preview: { smallAreas: [], buildings: [] } });
  });

  it("refuses nobody signed in and a guide (403), and writes nothing", () => {
    const preview = previewDistrict(db, W);
    if (!preview.ok) throw new Error("expected a preview");
    expect(applyDistrict(db, W, preview.preview, null)).toMatchObject({ ok: false, status: 403, reason: "forbidden" });
    expect(applyDistrict(db, W, preview.preview, guide)).toMatchObject({ ok: false, status: 403, reason: "forbidden" });
    expect(previewDistrict(db, W)).toEqual(preview);
  });

  it("refuses a stale preview with 409 and the current one", () => {
    const stale = { smallAreas: [], buildings: [] };
    const result = applyDistrict(db, W, stale, admin);
    expect(result).toMatchObject({ ok: false, status: 409, reason: "stale_version" });
    if (result.ok) throw new Error("expected a refusal");
    expect(result.current?.buildings).toHaveLength(4);
  });

  it("answers bad input with 422 naming the place, and an unknown district with 404 — never a throw", () => {
    expect(previewDistrict(db, 42)).toMatchObject({ ok: false, status: 422, reason: "invalid", place: "districtCode" });
    expect(previewDistrict(db, "12345")).toMatchObject({ ok: false, status: 422, place: "districtCode" });
    expect(previewDistrict(db, "440101001999")).toMatchObject({ ok: false, status: 404, reason: "not_found" });
    expect(applyDistrict(db, W, null, null)).toMatchObject({ ok: false, status: 422, place: "expected" });
    const badRow = { smallAreas: [], buildings: [{ id: 1, smallAreaCode: "1", oldNumber: 1, newNumber: 2 }] };
    expect(applyDistrict(db, W, badRow, null)).toMatchObject({ ok: false, status: 422, place: "expected.buildings[0].smallAreaCode" });
    expect(applyDistrict(db, W, { smallAreas: [], buildings: "all" }, null)).toMatchObject({ ok: false, status: 422, place: "expected.buildings" });
  });
});
