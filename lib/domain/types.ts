import type { LineString, MultiPolygon, Point, Polygon } from "geojson";

/** Area geometry of districts, small areas and admin units (lon/lat, WGS84/CGCS2000). */
export type AreaGeometry = Polygon | MultiPolygon;

/** Workflow state of a small area, from drawing to hand-out (issue #6 adds the transitions). */
export const SMALL_AREA_STATUSES = ["draft", "submitted", "approved", "returned", "confirmed", "ready"] as const;
export type SmallAreaStatus = (typeof SMALL_AREA_STATUSES)[number];

/** Use of a building as marked on the small-area map (建筑物标绘). */
export const BUILDING_USES = [
  "residential",
  "mixed",
  "school",
  "factory",
  "shop",
  "office",
  "hospital",
  "restricted",
  "other",
] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];

/** Occupancy of a housing unit (住房单元) found during listing (摸底). */
export const HOUSING_UNIT_STATUSES = ["occupied", "vacant", "collective", "away", "other"] as const;
export type HousingUnitStatus = (typeof HOUSING_UNIT_STATUSES)[number];

/** Kinds of reference features drawn for orientation on the map and on printed sheets. */
export const REFERENCE_KINDS = ["road", "river", "water", "farmland", "landmark"] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Roles of people working in Tessera (issue #6 enforces them). */
export const USER_ROLES = ["admin", "office", "mapper", "guide", "enumerator", "auditor"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Size band of a small area: target and acceptable range of households and persons. */
export interface SizeBand {
  targetHouseholds: number;
  minHouseholds: number;
  maxHouseholds: number;
  targetPersons: number;
  minPersons: number;
  maxPersons: number;
}

/** The default band of the seed documents: about 80 households or 250 persons per small area. */
export const DEFAULT_SIZE_BAND: SizeBand = {
  targetHouseholds: 80,
  minHouseholds: 50,
  maxHouseholds: 120,
  targetPersons: 250,
  minPersons: 150,
  maxPersons: 380,
};

/** A bilingual name: Chinese first (the census language), English for the English UI. */
export interface Names {
  nameZh: string;
  nameEn: string;
}

export type { LineString, Point, Polygon, MultiPolygon };
