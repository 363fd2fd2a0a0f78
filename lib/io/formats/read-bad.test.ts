import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { fileRuleMessage } from "@/lib/i18n/import-message";
import { MAX_FILE_BYTES } from "@/lib/io/formats/limits";
import { readVectorFile } from "@/lib/io/formats/read";
import { VectorInputError } from "@/lib/io/formats/types";

const BAD = join(__dirname, "..", "fixtures", "formats", "bad");
const expected = JSON.parse(readFileSync(join(BAD, "expected.json"), "utf8")) as Record<string, { rule: string; where: string }>;

async function refusal(bytes: Uint8Array, file: string, options = {}): Promise<VectorInputError> {
  try {
    await readVectorFile(bytes, file, options);
  } catch (error) {
    if (error instanceof VectorInputError) return error;
    throw new Error(`${file}: crashed instead of a VectorInputError: ${String(error)}`);
  }
  throw new Error(`${file}: was read although it is broken`);
}

function expectMessages(e: VectorInputError) {
  for (const lang of ["zh", "en"] as const) {
    const text = fileRuleMessage(lang, e.rule, e.where, e.params);
    expect(text, `${lang} message of ${e.rule}`).not.toBe(`${e.where}: ${e.rule}`);
    expect(text).toContain(e.where);
    expect(text).not.toMatch(/\{\w+\}|io\.rules/);
  }
}

describe("the bad-input corpus (lib/io/fixtures/formats/bad, made by bin/make-format-fixtures.ts)", () => {
  it("has at least 30 broken files, each listed in expected.json", () => {
    const files = readdirSync(BAD).filter((f) => f !== "expected.json").sort();
    expect(files).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [file, answer] of Object.entries(expected)) {
    it(`${file} → ${answer.rule} at ${answer.where}, with zh and en text`, async () => {
      const e = await refusal(new Uint8Array(readFileSync(join(BAD, file))), file);
      expect({ rule: e.rule, where: e.where }).toEqual(answer);
      expectMessages(e);
    });
  }
});

describe("refusals that need options or size", () => {
  it("refuses a file over the size limit before reading it", async () => {
    const e = await refusal(new Uint8Array(MAX_FILE_BYTES + 1), "huge.geojson");
    expect([e.rule, e.where]).toEqual(["too_large", "huge.geojson"]);
    expectMessages(e);
  });

  it("refuses a GBK CSV declared as UTF-8, an unknown layer and an unknown CRS option", async () => {
    const gbk = new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", "formats", "points-gbk.csv")));
    const cases = [
      await refusal(gbk, "points-gbk.csv", { encoding: "utf-8" }),
      await refusal(new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", "formats", "areas-4547.gpkg"))), "a.gpkg", { layer: "nope" }),
      await refusal(new TextEncoder().encode('{"type":"Point","coordinates":[1,2]}'), "p.geojson", { crs: "EPSG:2000000" }),
    ];
    expect(cases.map((e) => [e.rule, e.where])).toEqual([
      ["bad_encoding", "points-gbk.csv"],
      ["unknown_layer", "a.gpkg"],
      ["crs_unsupported", "EPSG:2000000"],
    ]);
    cases.forEach(expectMessages);
  });

  it("has zh and en text for the swapped lon/lat warning", () => {
    expectMessages(new VectorInputError("swapped_lon_lat", "a.csv", { file: "a.csv" }));
  });
});

describe("a reader that throws something unexpected", () => {
  it("is answered with `unreadable` naming the file, not a crash (a library bug faked in the CSV reader)", async () => {
    const csv = await import("@/lib/io/formats/read-csv");
    const spy = vi.spyOn(csv, "readCsv").mockImplementation(() => {
      throw new TypeError("library bug");
    });
    try {
      const e = await refusal(new TextEncoder().encode("lon,lat\n1,2\n"), "a.csv");
      expect([e.rule, e.where, e.params]).toEqual(["unreadable", "a.csv", { file: "a.csv", format: "csv" }]);
      expectMessages(e);
    } finally {
      spy.mockRestore();
    }
  });
});
