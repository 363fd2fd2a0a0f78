import { afterEach, describe, expect, it } from "vitest";
import type { ReadResult } from "@/lib/io/formats/types";
import { clearStagedImports, dropStagedImport, stagedImportOf, stageImport, STAGING_TTL_MS } from "./import-staging";

const read: ReadResult = { format: "geojson", features: [], sourceCrs: null, encoding: null, fields: [], warnings: [] };
afterEach(() => clearStagedImports());

describe("import staging", () => {
  it("gives a file back only to the person who uploaded it, until it is dropped", () => {
    const s = stageImport(1, "a.geojson", read);
    expect(stagedImportOf(s.id, 1)?.fileName).toBe("a.geojson");
    expect(stagedImportOf(s.id, 2)).toBeNull();
    expect(stagedImportOf(42, 1)).toBeNull();
    dropStagedImport(s.id);
    expect(stagedImportOf(s.id, 1)).toBeNull();
  });

  it("forgets files after 30 minutes, and keeps at most 2 per person", () => {
    const t0 = 1_000_000;
    const a = stageImport(1, "a", read, t0);
    const b = stageImport(1, "b", read, t0 + 1);
    const other = stageImport(2, "x", read, t0 + 2);
    const c = stageImport(1, "c", read, t0 + 3);
    expect([a, b, c].map((s) => stagedImportOf(s.id, 1, t0 + 4)?.fileName ?? null)).toEqual([null, "b", "c"]);
    expect(stagedImportOf(other.id, 2, t0 + 4)).not.toBeNull();
    expect(stagedImportOf(c.id, 1, t0 + 3 + STAGING_TTL_MS + 1)).toBeNull();
  });
});
