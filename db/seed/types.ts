import type { LineString, Point, Polygon } from "geojson";
import type { BuildingUse, HousingUnitStatus, ReferenceKind } from "@/lib/domain/types";

/** An admin unit of the demo (county or township) with its statistical code and outline. */
export interface DemoAdminUnit {
  code: string;
  nameZh: string;
  nameEn: string;
  geometry: Polygon;
}

/** A census district (普查区) of the demo; `hasSmallAreas` is false for the one left to draw in. */
export interface DemoDistrict {
  code: string; // 12 digits: township code + 3
  nameZh: string;
  nameEn: string;
  kind: "community" | "village";
  geometry: Polygon;
  hasSmallAreas: boolean;
}

/** A small area (普查小区) of the demo; the small areas of a district tile it exactly. */
export interface DemoSmallArea {
  districtCode: string;
  code: string; // 3 digits, numbered from the north-west corner clockwise
  geometry: Polygon;
}

/** A housing unit (住房单元) of a demo building. */
export interface DemoHousingUnit {
  unitNumber: string;
  floor: number;
  entrance: string;
  status: HousingUnitStatus;
  households: number;
  persons: number;
}

/** A building of the demo: a footprint inside exactly one small area (or in the district left to draw). */
export interface DemoBuilding {
  districtCode: string;
  /** `${districtCode}${smallAreaCode}` or null when the district has no small areas yet. */
  smallAreaFullCode: string | null;
  number: number | null;
  use: BuildingUse;
  nameZh: string | null;
  nameEn: string | null;
  floors: number;
  geometry: Polygon;
  units: DemoHousingUnit[];
}

/** A reference feature: road, river, pond, farmland or landmark, named for the map and the sheets. */
export interface DemoReferenceFeature {
  kind: ReferenceKind;
  /** e.g. "school", "factory", "shop", "main_road", "lane", "pond" */
  subkind: string;
  nameZh: string | null;
  nameEn: string | null;
  /** width on the ground in metres, for roads and rivers (imagery and styling) */
  widthM: number | null;
  geometry: LineString | Polygon | Point;
}

/** Everything the demo generator produces; deterministic for a given seed. */
export interface DemoTownship {
  county: DemoAdminUnit;
  township: DemoAdminUnit;
  districts: DemoDistrict[];
  smallAreas: DemoSmallArea[];
  buildings: DemoBuilding[];
  referenceFeatures: DemoReferenceFeature[];
}
