/**
 * Writes the districts and small areas of a coverage input (the synthetic county of the benchmarks) under one
 * census, county and township, so that building tiles and labels can be measured on a county-sized database.
 */
import type { Geometry } from "geojson";
import type { CoverageInput } from "@/lib/coverage/types";
import { bboxOfGeometry } from "@/lib/geo/bbox";
import { writeTransaction, type Db } from "../client";

/** Ids of what {@link insertCountyAreas} wrote, by 12-digit district code and by district code + area code. */
export interface CountyAreaIds {
  districtIds: Map<string, number>;
  smallAreaIds: Map<string, number>;
}

function bboxParams(geometry: Geometry | null): Array<number | null> {
  if (!geometry) return [null, null, null, null];
  const b = bboxOfGeometry(geometry);
  return b.every(Number.isFinite) ? b : [null, null, null, null];
}

/**
 * Used by `bin/bench-buildings.ts`: inserts a census, a county, a township and every district and small area of
 * `input` in one transaction. Rows whose code is already taken (the synthetic county's injected duplicate
 * codes) are skipped and map to the row that holds the code.
 */
export function insertCountyAreas(db: Db, input: CoverageInput): CountyAreaIds {
  const c = db.$client;
  return writeTransaction(db, () => {
    const census = c.prepare("INSERT INTO censuses (name_zh, name_en, reference_moment) VALUES ('基准测试', 'Benchmark', '2030-11-01T00:00:00+08:00')").run();
    const unit = c.prepare("INSERT INTO admin_units (census_id, parent_id, level, code, name_zh, name_en) VALUES (?, ?, ?, ?, ?, ?)");
    const county = unit.run(census.lastInsertRowid, null, "county", "330100", "合成县", "Synthetic County");
    const township = unit.run(census.lastInsertRowid, county.lastInsertRowid, "township", "330100001", "合成镇", "Synthetic Township");
    const insertDistrict = c.prepare(
      "INSERT OR IGNORE INTO districts (township_id, code, name_zh, name_en, geometry, min_lon, min_lat, max_lon, max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const d of input.districts) insertDistrict.run(township.lastInsertRowid, d.code, d.code, d.code, JSON.stringify(d.geometry), ...bboxParams(d.geometry));
    const districtIds = new Map((c.prepare("SELECT code, id FROM districts").raw(true).all() as Array<[string, number]>).map(([code, id]) => [code, id]));
    const insertArea = c.prepare(
      "INSERT OR IGNORE INTO small_areas (district_id, code, is_virtual, geometry, min_lon, min_lat, max_lon, max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const a of input.smallAreas) {
      const districtId = districtIds.get(a.district);
      if (districtId === undefined) continue;
      insertArea.run(districtId, a.code, a.isVirtual ? 1 : 0, a.geometry ? JSON.stringify(a.geometry) : null, ...bboxParams(a.geometry));
    }
    const areaRows = c.prepare("SELECT d.code || sa.code, sa.id FROM small_areas sa JOIN districts d ON d.id = sa.district_id").raw(true).all() as Array<[string, number]>;
    return { districtIds, smallAreaIds: new Map(areaRows) };
  });
}
