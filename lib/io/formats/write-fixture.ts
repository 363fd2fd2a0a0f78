/**
 * A small layer for the writer tests (issue #8): every geometry kind a census layer has — polygons (one with a
 * hole, a two-part multipolygon), a line, points — Chinese text, codes with leading zeros, whole and decimal
 * numbers, an empty name, a property name longer than a shapefile allows; and apart, a virtual small area
 * without a geometry. Coordinates near the demo county (lon 120, lat 30) with 9 decimals.
 */
import type { Feature, Geometry } from "geojson";

const ring = (x: number, y: number, w: number, h: number) => [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];

/** The fixture's features. */
export const WRITE_FIXTURE: Array<Feature<Geometry | null, Record<string, string | number | null>>> = [
  {
    type: "Feature",
    properties: { code: "001", name: "西村一组", district_code: "330199101001", households: 81, persons: 243, width_m: null },
    geometry: { type: "Polygon", coordinates: [ring(120.100000001, 30.100000002, 0.002, 0.001), ring(120.1005, 30.1002, 0.0003, 0.0002).reverse()] },
  },
  {
    type: "Feature",
    properties: { code: "002", name: null, district_code: "330199101001", households: 0, persons: 0, width_m: null },
    geometry: { type: "MultiPolygon", coordinates: [[ring(120.102, 30.1, 0.001, 0.001)], [ring(120.104, 30.1, 0.0005, 0.0005)]] },
  },
  {
    type: "Feature",
    properties: { code: "R1", name: "环城路 Ring Rd.", district_code: null, households: null, persons: null, width_m: 12.5 },
    geometry: { type: "LineString", coordinates: [[120.1, 30.099], [120.103, 30.0991], [120.105123456, 30.099987654]] },
  },
  {
    type: "Feature",
    properties: { code: "S1", name: "学校 \"一中\", 东门", district_code: "330199101002", households: null, persons: null, width_m: 0.25 },
    geometry: { type: "Point", coordinates: [120.101234567, 30.101234567] },
  },
];

/** A virtual small area: attributes, no geometry (Tessera's reader refuses such a feature, GDAL reads it). */
export const UNLOCATED: Feature<Geometry | null, Record<string, string | number | null>> = {
  type: "Feature",
  properties: { code: "901", name: "集体户", district_code: "330199101001", households: 40, persons: 40, width_m: null },
  geometry: null,
};

/** The fixture's columns, in order. */
export const WRITE_FIXTURE_FIELDS: Array<{ name: string; type: "string" | "number" }> = [
  { name: "code", type: "string" },
  { name: "name", type: "string" },
  { name: "district_code", type: "string" },
  { name: "households", type: "number" },
  { name: "persons", type: "number" },
  { name: "width_m", type: "number" },
];
