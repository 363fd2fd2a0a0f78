import type { Geometry } from "geojson";
import { bboxOfGeometry } from "@/lib/geo/bbox";
import type { Db } from "../client";
import { writeTransaction } from "../client";
import * as schema from "../schema";
import type { DemoTownship } from "./types";

/** bbox columns of a geometry, for the R*Tree triggers. */
export function bboxColumns(geometry: Geometry) {
  const [minLon, minLat, maxLon, maxLat] = bboxOfGeometry(geometry);
  return { minLon, minLat, maxLon, maxLat };
}

export interface InsertedTownship {
  censusId: number;
  townshipId: number;
}

/**
 * Used by the seed step: writes a generated township (census, county, township, districts, small areas,
 * buildings with housing units, reference features) in one transaction; nothing is written if any row fails.
 */
export function insertTownship(db: Db, town: DemoTownship, imageryLocation: string | null): InsertedTownship {
  return writeTransaction(db, () => {
    const census = db
      .insert(schema.censuses)
      .values({ nameZh: "第八次全国人口普查（示范）", nameEn: "Eighth National Population Census (demo)", referenceMoment: "2030-11-01T00:00:00+08:00" })
      .returning({ id: schema.censuses.id })
      .get();
    const county = db
      .insert(schema.adminUnits)
      .values({ censusId: census.id, level: "county", ...town.county, ...bboxColumns(town.county.geometry) })
      .returning({ id: schema.adminUnits.id })
      .get();
    const township = db
      .insert(schema.adminUnits)
      .values({ censusId: census.id, parentId: county.id, level: "township", ...town.township, ...bboxColumns(town.township.geometry) })
      .returning({ id: schema.adminUnits.id })
      .get();

    const districtIds = new Map<string, number>();
    for (const d of town.districts) {
      const row = db
        .insert(schema.districts)
        .values({ townshipId: township.id, code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, kind: d.kind, geometry: d.geometry, ...bboxColumns(d.geometry) })
        .returning({ id: schema.districts.id })
        .get();
      districtIds.set(d.code, row.id);
    }

    const smallAreaIds = new Map<string, number>();
    for (const a of town.smallAreas) {
      const districtId = districtIds.get(a.districtCode);
      if (districtId === undefined) throw new Error(`small area ${a.code}: unknown district ${a.districtCode}`);
      const row = db
        .insert(schema.smallAreas)
        .values({ districtId, code: a.code, geometry: a.geometry, ...bboxColumns(a.geometry) })
        .returning({ id: schema.smallAreas.id })
        .get();
      smallAreaIds.set(`${a.districtCode}${a.code}`, row.id);
    }

    const insertUnit = db.$client.prepare(
      "INSERT INTO housing_units (building_id, unit_number, floor, entrance, status, households, persons) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    for (const b of town.buildings) {
      const row = db
        .insert(schema.buildings)
        .values({
          districtId: districtIds.get(b.districtCode) ?? null,
          smallAreaId: b.smallAreaFullCode ? (smallAreaIds.get(b.smallAreaFullCode) ?? null) : null,
          number: b.number,
          use: b.use,
          name: b.nameZh,
          nameEn: b.nameEn,
          floors: b.floors,
          geometry: b.geometry,
          ...bboxColumns(b.geometry),
        })
        .returning({ id: schema.buildings.id })
        .get();
      for (const u of b.units) insertUnit.run(row.id, u.unitNumber, u.floor, u.entrance, u.status, u.households, u.persons);
    }

    for (const f of town.referenceFeatures) {
      db.insert(schema.referenceFeatures)
        .values({ adminUnitId: township.id, kind: f.kind, subkind: f.subkind, name: f.nameZh, nameEn: f.nameEn, widthM: f.widthM, geometry: f.geometry, ...bboxColumns(f.geometry) })
        .run();
    }

    if (imageryLocation) {
      db.insert(schema.imagerySources)
        .values({
          name: "示范航拍影像 / Demo aerial imagery",
          kind: "mbtiles",
          location: imageryLocation,
          attribution: "Tessera synthetic imagery",
          minZoom: 13,
          maxZoom: 18,
          isDefault: true,
          bounds: bboxOfGeometry(town.township.geometry),
        })
        .run();
    }
    return { censusId: census.id, townshipId: township.id };
  });
}
