import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Bbox } from "@/lib/geo/bbox";
import en from "@/lib/i18n/messages/en.json";
import zh from "@/lib/i18n/messages/zh.json";
import { canonicalField, checkPosition, IMPORT_RULES, RULE_TEXT } from "./building-fields";
import { ImportInputError, parseBuildingImport, type ParseOptions } from "./building-import";
import { spreadHousingUnits } from "./housing-unit-spread";
import { decodeImportBytes } from "./import-decode";

const TOWNSHIPS: Bbox[] = [[113.19, 23.04, 113.22, 23.06]];
const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, "fixtures", name)));
const parse = (name: string, options: ParseOptions = {}) => parseBuildingImport(fixture(name), { fileName: name, townships: TOWNSHIPS, ...options });
const text = (s: string) => new TextEncoder().encode(s);

function inputError(fn: () => unknown): ImportInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportInputError) return error;
    throw error;
  }
  throw new Error("expected an ImportInputError");
}

describe("parseBuildingImport: CSV", () => {
  it("reads a UTF-8 file with a byte-order mark and Chinese headers and uses", () => {
    const parsed = parse("buildings-utf8-bom.csv");
    expect(parsed).toMatchObject({ format: "csv", encoding: "utf-8", encodingSource: "detected", bom: true, rowCount: 3, badRows: 0, problems: [], warnings: [] });
    expect(parsed.rows).toEqual([
      { use: "residential", name: null, floors: 6, geometry: { type: "Point", coordinates: [113.201, 23.051] }, units: 3, households: 7, persons: 20 },
      { use: "school", name: "中心小学", floors: 3, geometry: { type: "Point", coordinates: [113.202, 23.052] }, units: 0, households: 0, persons: 0 },
      // no units column value but households: one unit
      { use: "mixed", name: '临街"铺面"', floors: 2, geometry: { type: "Point", coordinates: [113.203, 23.053] }, units: 1, households: 2, persons: 5 },
    ]);
  });

  it("falls back to GBK when the bytes are not UTF-8, and says so", () => {
    const parsed = parse("buildings-gbk.csv");
    expect(parsed).toMatchObject({ encoding: "gbk", encodingSource: "detected", badRows: 0 });
    expect(parsed.rows.map((r) => [r.use, r.name, r.units, r.households, r.persons])).toEqual([
      ["residential", "幸福小区1栋", 1, 12, 30],
      ["hospital", "人民医院", 0, 0, 0],
    ]);
  });

  it("honours an explicit encoding, and refuses a GBK file read as UTF-8 as unreadable", () => {
    expect(parse("buildings-gbk.csv", { encoding: "gbk" })).toMatchObject({ encoding: "gbk", encodingSource: "given" });
    expect(inputError(() => parse("buildings-gbk.csv", { encoding: "utf-8" }))).toMatchObject({ rule: "encoding", place: "file" });
    // hand-encoded GBK: 户数 = BB A7 CA FD
    expect(decodeImportBytes(new Uint8Array([0xbb, 0xa7, 0xca, 0xfd]))).toEqual({ text: "户数", encoding: "gbk", encodingSource: "detected", bom: false });
  });

  it("reports every bad row by its line in the file (a quoted line break counts), field and rule, and keeps the good rows", () => {
    const parsed = parse("buildings-bad-rows.csv");
    expect(parsed.problems).toEqual([
      { line: 3, field: "households", rule: "not_whole_number" },
      { line: 4, field: "use", rule: "unknown_use" },
      { line: 5, field: "coordinates", rule: "swapped_lon_lat" },
      { line: 6, field: "lat", rule: "required" },
      { line: 10, field: "name", rule: "name_not_recorded" },
      { line: 11, field: "lon", rule: "not_a_number" },
      { line: 12, field: "floors", rule: "out_of_range" },
      { line: 12, field: "households", rule: "negative" },
    ]);
    expect(parsed).toMatchObject({ rowCount: 10, badRows: 7 });
    expect(parsed.rows.map((r) => r.name)).toEqual([null, "Block\nB", null]);
    // far outside the township: imported, with a warning; an unknown column is ignored with a warning
    expect(parsed.warnings).toEqual([
      { line: 1, field: "remark", rule: "unknown_column" },
      { line: 13, field: "coordinates", rule: "outside_townships" },
    ]);
  });

  it("never puts a value into a problem", () => {
    const parsed = parse("buildings-bad-rows.csv");
    const words = JSON.stringify([parsed.problems, parsed.warnings]);
    for (const value of ["2.5", "castle", "-1", "Barracks", "abc", "113.2"]) expect(words).not.toContain(value);
    for (const rule of parsed.problems.map((p) => p.rule)) expect(RULE_TEXT[rule]).toBeTruthy();
  });

  it("reads semicolon- and tab-separated files, CR line ends, and counts blank lines", () => {
    const parsed = parseBuildingImport(text("LON;LAT;Households\r\r113.201;23.051;2\r113.202;x;1\r"), { townships: TOWNSHIPS });
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.problems).toEqual([{ line: 4, field: "lat", rule: "not_a_number" }]);
    expect(parseBuildingImport(text("lon\tlat\n113.2\t23.05\n")).rows).toHaveLength(1);
  });

  it("refuses a file without a lon or lat column, with two columns of one meaning, or empty", () => {
    expect(inputError(() => parseBuildingImport(text("113.2,23.05\n113.3,23.06\n")))).toMatchObject({ rule: "missing_column", place: "header" });
    expect(inputError(() => parseBuildingImport(text("lon,lat,经度\n1,2,3\n")))).toMatchObject({ rule: "duplicate_column" });
    expect(inputError(() => parseBuildingImport(text("\uFEFF \n\n")))).toMatchObject({ rule: "empty" });
    expect(parseBuildingImport(text("lon,lat\n"))).toMatchObject({ rowCount: 0, rows: [], problems: [] });
  });

  it("reports broken quoting on its line and goes on", () => {
    const parsed = parseBuildingImport(text('lon,lat,name\n113.2,23.05,ok\n113.2,23.05,"open'));
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.problems).toEqual([{ line: 3, field: "row", rule: "csv_syntax" }]);
  });

  it("applies the editor's limits: units up to 2000, names up to 100 characters, whole counts", () => {
    const csv = ["lon,lat,units,households,name", "113.2,23.05,2001,,", `113.2,23.05,1,,${"楼".repeat(101)}`, "113.2,23.05,1,1e3,", "113.2,23.05,1,0x10,"].join("\n");
    const parsed = parseBuildingImport(text(csv));
    expect(parsed.problems).toEqual([
      { line: 2, field: "units", rule: "out_of_range" },
      { line: 3, field: "name", rule: "too_long" },
      { line: 5, field: "households", rule: "not_a_number" },
    ]);
    expect(parsed.rows[0].households).toBe(1000);
  });
});

describe("parseBuildingImport: GeoJSON", () => {
  it("reads Points and Polygons with the same properties, and reports each bad feature by index", () => {
    const parsed = parse("buildings-bad.geojson");
    expect(parsed).toMatchObject({ format: "geojson", rowCount: 7, badRows: 5 });
    expect(parsed.rows.map((r) => [r.geometry.type, r.use, r.name, r.floors, r.units, r.households, r.persons])).toEqual([
      ["Point", "residential", null, 1, 2, 5, 14],
      ["Polygon", "factory", "纺织厂", 2, 4, 4, 0],
    ]);
    expect(parsed.problems).toEqual([
      { feature: 2, field: "geometry", rule: "geometry_type" },
      { feature: 3, field: "households", rule: "not_a_number" },
      { feature: 4, field: "feature", rule: "not_a_feature" },
      { feature: 5, field: "geometry", rule: "swapped_lon_lat" },
      { feature: 6, field: "geometry", rule: "invalid_geometry" },
    ]);
  });

  it("refuses text that is not a FeatureCollection as a whole", () => {
    expect(inputError(() => parseBuildingImport(text("{oops"), { format: "geojson" }))).toMatchObject({ rule: "json" });
    expect(inputError(() => parseBuildingImport(text('{"type":"Feature"}')))).toMatchObject({ rule: "feature_collection" });
  });
});

describe("building fields", () => {
  it("has a message for every rule and every whole-file rule in both languages", () => {
    const fileRules = ["empty", "encoding", "json", "feature_collection", "missing_column", "duplicate_column", "too_large", "multipart", "file", "import_failed", "network"];
    for (const messages of [en, zh]) {
      expect(Object.keys(messages.import.rule).sort()).toEqual([...IMPORT_RULES].sort());
      expect(Object.keys(messages.import.error).sort()).toEqual(fileRules.sort());
    }
  });

  it("accepts headers in any case and in Chinese", () => {
    expect(["LON", " Longitude ", "经度", "\uFEFFlon"].map(canonicalField)).toEqual(["lon", "lon", "lon", "lon"]);
    expect(["户数", "人数", "单元数", "用途", "名称", "层数", "Households"].map(canonicalField)).toEqual(["households", "persons", "units", "use", "name", "floors", "households"]);
    expect(canonicalField("remark")).toBeUndefined();
  });

  it("tells swapped coordinates by range, and by the townships when both readings are in range", () => {
    expect(checkPosition(23.05, 113.2, [])).toEqual({ rule: "swapped_lon_lat" });
    expect(checkPosition(200, 23, [])).toEqual({ field: "lon", rule: "out_of_range" });
    expect(checkPosition(100, 95, [])).toEqual({ field: "lat", rule: "out_of_range" });
    const north: Bbox[] = [[10, 40, 12, 42]];
    expect(checkPosition(41, 11, north)).toEqual({ rule: "swapped_lon_lat" });
    expect(checkPosition(11, 41, north)).toBeNull();
    expect(checkPosition(50, 50, north)).toEqual({ rule: "outside_townships" });
  });

  it("spreads households and persons over the units with the remainders first, totals exact", () => {
    expect(spreadHousingUnits({ units: 3, households: 7, persons: 20 })).toEqual([
      { unitNumber: "1", status: "occupied", households: 3, persons: 7 },
      { unitNumber: "2", status: "occupied", households: 2, persons: 7 },
      { unitNumber: "3", status: "occupied", households: 2, persons: 6 },
    ]);
    expect(spreadHousingUnits({ units: 3, households: 1, persons: 1 }).map((u) => u.status)).toEqual(["occupied", "vacant", "vacant"]);
    expect(spreadHousingUnits({ units: 0, households: 0, persons: 4 })).toEqual([{ unitNumber: "1", status: "occupied", households: 0, persons: 4 }]);
    expect(spreadHousingUnits({ units: 0, households: 0, persons: 0 })).toEqual([]);
  });
});
