import type { Feature, Geometry } from "geojson";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "./client";
import { E, N, rect, setUpEditTownshipDatabase, W } from "./edit-test-fixture";
import { importLayer } from "./import-layers";

setUpEditTownshipDatabase("import-layers");

type F = Feature<Geometry | null, Record<string, unknown>>;
const feature = (properties: Record<string, unknown>, geometry: Geometry | null): F => ({ type: "Feature", properties, geometry });
const count = (sql: string, ...params: unknown[]) => getDb().$client.prepare(sql).pluck().get(...params) as number;
const admin = { id: 1, username: "admin", role: "admin" };
let audits = 0;
beforeEach(() => {
  audits = count("SELECT count(*) FROM audit_log WHERE action = 'import'");
});

describe("importLayer: small areas", () => {
  it("writes the small areas of district N (codes padded, a virtual one without geometry) in one go, with an audit row", () => {
    const features = [
      feature({ DM: 1, PCQDM: N, MC: "北一" }, rect(600, 600, 700, 800)),
      feature({ DM: "002", PCQDM: N }, rect(700, 600, 800, 800)),
      feature({ DM: "901", PCQDM: N, MC: "集体户" }, rect(600, 600, 610, 610)),
    ];
    const before = count("SELECT count(*) FROM small_areas");
    const { validated, written } = importLayer(getDb(), "small-areas", features, { code: "DM", districtCode: "PCQDM", name: "MC" }, { actor: admin, fileName: "n.shp" });
    expect(validated.problems).toEqual([]);
    expect(validated.warnings).toEqual([{ feature: 2, field: "geometry", rule: "virtual_geometry_dropped" }]);
    expect(written).toMatchObject({ inserted: 3, replaced: 0, skipped: 0, districtCodes: [N] });
    expect(count("SELECT count(*) FROM small_areas")).toBe(before + 3);
    const rows = getDb().$client.prepare("SELECT sa.code, sa.name, sa.is_virtual, sa.geometry IS NULL AS nogeo FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? ORDER BY sa.code").all(N);
    expect(rows).toEqual([
      { code: "001", name: "北一", is_virtual: 0, nogeo: 0 },
      { code: "002", name: null, is_virtual: 0, nogeo: 0 },
      { code: "901", name: "集体户", is_virtual: 1, nogeo: 1 },
    ]);
    // the building standing in N at (700, 700) m now lies in a small area of N
    expect(count("SELECT count(*) FROM buildings b JOIN small_areas sa ON sa.id = b.small_area_id JOIN districts d ON d.id = sa.district_id WHERE d.code = ?", N)).toBe(1);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'import'")).toBe(audits + 1);
    expect(count("SELECT count(*) FROM change_log WHERE change_id = ?", written!.changeId)).toBe(3);
  });

  it("writes nothing when one feature is bad, and names every problem by feature, field and rule", () => {
    const before = { areas: count("SELECT count(*) FROM small_areas"), log: count("SELECT count(*) FROM change_log") };
    const bowtie: Geometry = { type: "Polygon", coordinates: [[[113.2, 23.05], [113.21, 23.06], [113.21, 23.05], [113.2, 23.06], [113.2, 23.05]]] };
    const features = [
      feature({ code: `${E}003` }, rect(400, 0, 500, 100)),
      feature({ code: "3", district: E }, bowtie),
      feature({ code: "004", district: "440101001999" }, rect(400, 0, 500, 100)),
      feature({ code: "1234", district: E }, rect(400, 0, 500, 100)),
      feature({ code: `${E}003` }, rect(400, 0, 500, 100)),
      feature({ code: "005", district: E }, null),
    ];
    const { validated, written } = importLayer(getDb(), "small-areas", features, { code: "code", districtCode: "district" }, { actor: admin });
    expect(written).toBeNull();
    expect(validated.badFeatures).toBe(5);
    expect(validated.problems).toEqual([
      { feature: 1, field: "code", rule: "duplicate_code" },
      { feature: 1, field: "geometry", rule: "invalid_geometry", detail: "self_intersection at coordinates[0]" },
      { feature: 2, field: "districtCode", rule: "unknown_district" },
      { feature: 3, field: "code", rule: "bad_code" },
      { feature: 4, field: "code", rule: "duplicate_code" },
      { feature: 5, field: "geometry", rule: "missing_geometry" },
    ]);
    expect({ areas: count("SELECT count(*) FROM small_areas"), log: count("SELECT count(*) FROM change_log") }).toEqual(before);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'import'")).toBe(audits);
  });

  it("with skipBad writes the good features and only reports the bad ones; nothing when none is good", () => {
    const before = count("SELECT count(*) FROM small_areas");
    const features = [
      feature({ code: "006", district: E }, rect(400, 0, 500, 100)),
      feature({ code: "1234", district: E }, rect(400, 0, 500, 100)),
      feature({ code: "007", district: E }, null),
    ];
    const { validated, written } = importLayer(getDb(), "small-areas", features, { code: "code", districtCode: "district" }, { actor: admin, skipBad: true, fileName: "e.geojson" });
    expect(validated.badFeatures).toBe(2);
    expect(validated.problems.map((p) => [p.feature, p.rule])).toEqual([[1, "bad_code"], [2, "missing_geometry"]]);
    expect(written).toMatchObject({ inserted: 1, replaced: 0 });
    expect(count("SELECT count(*) FROM small_areas")).toBe(before + 1);
    expect(count("SELECT count(*) FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? AND sa.code = '006'", E)).toBe(1);
    expect(getDb().$client.prepare("SELECT detail FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1").pluck().get()).toBe(
      "small-areas from e.geojson: 1 inserted, 0 replaced, 0 skipped, 2 bad features left out",
    );

    const none = importLayer(getDb(), "small-areas", [features[1], features[2]], { code: "code", districtCode: "district" }, { actor: admin, skipBad: true });
    expect(none.written).toBeNull();
    expect(count("SELECT count(*) FROM small_areas")).toBe(before + 1);
  });

  it("skips existing codes by default and replaces them when asked (version + 1, name kept when blank)", () => {
    const id = count("SELECT sa.id FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? AND sa.code = '001'", W);
    const version = count("SELECT version FROM small_areas WHERE id = ?", id);
    const features = [feature({ code: "001", district: W }, rect(0, 0, 210, 400))];
    const skipped = importLayer(getDb(), "small-areas", features, { code: "code", districtCode: "district" });
    expect(skipped.written).toMatchObject({ inserted: 0, replaced: 0, skipped: 1, changeId: null });
    expect(skipped.validated.warnings).toEqual([{ feature: 0, field: "code", rule: "exists_skipped" }]);
    expect(count("SELECT version FROM small_areas WHERE id = ?", id)).toBe(version);
    const replaced = importLayer(getDb(), "small-areas", features, { code: "code", districtCode: "district" }, { existing: "replace" });
    expect(replaced.written).toMatchObject({ inserted: 0, replaced: 1, skipped: 0 });
    expect(count("SELECT version FROM small_areas WHERE id = ?", id)).toBe(version + 1);
    expect(count("SELECT max_lon FROM small_areas WHERE id = ?", id)).toBeCloseTo(rect(0, 0, 210, 400).coordinates[0][1][0], 9);
    const log = getDb().$client.prepare("SELECT base_version, before FROM change_log WHERE change_id = ?").get(replaced.written!.changeId) as { base_version: number; before: string };
    expect(log.base_version).toBe(version);
    expect(JSON.parse(log.before).geometry.type).toBe("Polygon");
  });
});

describe("importLayer: districts, reference features, buildings", () => {
  it("checks district codes against the township and replaces a district's geometry and name", () => {
    const bad = importLayer(getDb(), "districts", [feature({ DM: "440101002001", MC: "外村" }, rect(0, 0, 10, 10)), feature({ DM: "4401", MC: "" }, rect(0, 0, 10, 10))], { code: "DM", name: "MC" });
    expect(bad.written).toBeNull();
    expect(bad.validated.problems).toEqual([
      { feature: 0, field: "code", rule: "unknown_township", detail: "440101002" },
      { feature: 1, field: "code", rule: "bad_code" },
      { feature: 1, field: "name", rule: "required" },
    ]);
    const done = importLayer(getDb(), "districts", [feature({ DM: N, MC: "北社区" }, rect(600, 600, 800, 790)), feature({ DM: "440101001004", MC: "新村" }, rect(0, 400, 400, 600))], { code: "DM", name: "MC" }, { existing: "replace" });
    expect(done.written).toMatchObject({ inserted: 1, replaced: 1 });
    expect(getDb().$client.prepare("SELECT name_zh, name_en, kind FROM districts WHERE code = ?").get(N)).toEqual({ name_zh: "北社区", name_en: "North", kind: "community" });
    expect(getDb().$client.prepare("SELECT name_zh, name_en, kind, township_id IS NOT NULL AS t FROM districts WHERE code = '440101001004'").get()).toEqual({ name_zh: "新村", name_en: "新村", kind: "village", t: 1 });
  });

  it("imports reference features of any geometry with a kind from a field or the default", () => {
    const before = count("SELECT count(*) FROM reference_features");
    const features = [
      feature({ TYPE: "道路", NAME: "村道" }, { type: "LineString", coordinates: [[113.2, 23.05], [113.201, 23.051]] }),
      feature({ TYPE: "", NAME: "祠堂" }, { type: "Point", coordinates: [113.2005, 23.0505] }),
    ];
    const refused = importLayer(getDb(), "reference", features, { kind: "TYPE", name: "NAME" });
    expect(refused.validated.problems).toEqual([{ feature: 1, field: "kind", rule: "required" }]);
    const done = importLayer(getDb(), "reference", features, { kind: "TYPE", name: "NAME" }, { defaultKind: "landmark" });
    expect(done.written).toMatchObject({ inserted: 2 });
    expect(getDb().$client.prepare("SELECT kind, name, admin_unit_id IS NOT NULL AS t FROM reference_features WHERE id > (SELECT max(id) - 2 FROM reference_features) ORDER BY id").all()).toEqual([
      { kind: "road", name: "村道", t: 1 },
      { kind: "landmark", name: "祠堂", t: 1 },
    ]);
    expect(count("SELECT count(*) FROM reference_features")).toBe(before + 2);
  });

  it("imports buildings through the building import's rules and write (a bad household count writes nothing)", () => {
    const before = count("SELECT count(*) FROM buildings");
    const features = [feature({ HS: 3, RS: 9 }, rect(50, 50, 60, 60)), feature({ HS: -1, RS: 2 }, rect(70, 70, 80, 80))];
    const refused = importLayer(getDb(), "buildings", features, { households: "HS", persons: "RS" });
    expect(refused.validated.problems).toEqual([{ feature: 1, field: "households", rule: "negative" }]);
    expect(count("SELECT count(*) FROM buildings")).toBe(before);
    const done = importLayer(getDb(), "buildings", features.slice(0, 1), { households: "HS", persons: "RS" }, { actor: admin });
    expect(done.written).toMatchObject({ inserted: 1, units: 1 });
    expect(count("SELECT small_area_id IS NOT NULL FROM buildings ORDER BY id DESC LIMIT 1")).toBe(1);
    expect(count("SELECT sum(households) FROM housing_units WHERE building_id = (SELECT max(id) FROM buildings)")).toBe(3);
    const skipped = importLayer(getDb(), "buildings", features, { households: "HS", persons: "RS" }, { actor: admin, skipBad: true });
    expect(skipped.written).toMatchObject({ inserted: 1, units: 1 });
    expect(skipped.validated.badFeatures).toBe(1);
    expect(count("SELECT count(*) FROM buildings")).toBe(before + 2);
  });
});
