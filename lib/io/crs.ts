/**
 * Reprojection of read features to lon/lat (issue #8): CRS from an EPSG code, a proj4 string, a .prj WKT, a
 * GeoPackage/FlatGeobuf srs; CGCS2000 Gauss-Krüger zones, Web Mercator; GCJ-02 → WGS84 (gcoord); and the checks
 * the import pipeline warns about (lon/lat swapped, outside the township). Used by `readVectorFile` and the import.
 */
import type { Feature, Geometry, Position } from "geojson";
import gcoord from "gcoord";
import proj4 from "proj4";
import { LONLAT_CODES, epsgDefinition, gkZones } from "@/lib/io/crs-defs";
import { mapPositions, somePosition } from "@/lib/io/formats/read-positions";
import { VectorInputError } from "@/lib/io/formats/types";

type AnyFeature = Feature<Geometry | null, Record<string, unknown>>;

/** Used by readers: "EPSG:4527" for a code Tessera knows, else null. */
export function crsFromEpsg(code: number): string | null {
  return epsgDefinition(code) ? `EPSG:${code}` : null;
}

const param = (wkt: string, name: string): number | null => {
  const m = new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*(-?[\\d.eE+-]+)`, "i").exec(wkt);
  return m ? Number(m[1]) : null;
};

/**
 * Used by the Shapefile reader (.prj) and the GeoPackage/FlatGeobuf readers (srs WKT): "EPSG:nnnn" when the WKT
 * is a CRS Tessera knows (by its EPSG authority, or a CGCS2000 Gauss-Krüger zone / WGS84 / CGCS2000 / Web Mercator
 * recognised by name and parameters), else the WKT itself when proj4 can read it, else null.
 */
export function crsFromPrj(wkt: string): string | null {
  const text = wkt.trim();
  if (!text) return null;
  const ids = [...text.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const last = ids.at(-1);
  if (last && crsFromEpsg(Number(last[1]))) return `EPSG:${Number(last[1])}`;
  const projected = /^\s*(PROJCS|PROJCRS)\[/i.test(text);
  const cgcs = /2000|China_Geodetic|CGCS/i.test(text);
  if (!projected) {
    if (/^\s*(GEOGCS|GEOGCRS|GEODCRS)\[/i.test(text)) {
      if (cgcs) return "EPSG:4490";
      if (/WGS[ _]?(19)?84/i.test(text)) return "EPSG:4326";
    }
  } else if (/Web_Mercator|Pseudo[-_ ]Mercator|Mercator_Auxiliary_Sphere/i.test(text)) {
    return "EPSG:3857";
  } else if (cgcs && /Gauss|Transverse_Mercator|GK/i.test(text)) {
    const cm = param(text, "Central_Meridian") ?? param(text, "Longitude of natural origin");
    const fe = param(text, "False_Easting") ?? param(text, "False easting");
    const k = param(text, "Scale_Factor") ?? param(text, "Scale factor at natural origin") ?? 1;
    const lat0 = param(text, "Latitude_Of_Origin") ?? param(text, "Latitude of natural origin") ?? 0;
    const width = /6[_ ]Degree/i.test(text) ? 6 : 3;
    const zone = gkZones().find((z) => z.cm === cm && z.falseEasting === fe && (z.zone !== null || z.width === width));
    if (zone && k === 1 && lat0 === 0) return `EPSG:${zone.code}`;
  }
  try {
    proj4(text, "EPSG:4326");
    return text;
  } catch {
    return null;
  }
}

/** The proj4 definition of a CRS given as "EPSG:nnnn", a proj4 string or WKT; null for lon/lat; throws when unknown. */
function definitionOf(crs: string): string | null {
  const epsg = /^\s*(?:EPSG|urn:ogc:def:crs:EPSG:[\d.]*):+(\d+)\s*$/i.exec(crs);
  if (epsg) {
    const code = Number(epsg[1]);
    if (LONLAT_CODES.has(code)) return null;
    const def = epsgDefinition(code);
    if (!def) throw new VectorInputError("crs_unsupported", crs, { crs });
    return def;
  }
  if (/^urn:ogc:def:crs:OGC:[\d.]*:CRS84$/i.test(crs.trim())) return null;
  const known = crs.trim().startsWith("+") ? null : crsFromPrj(crs);
  if (known && known !== crs.trim()) return definitionOf(known);
  try {
    proj4(crs, "EPSG:4326");
    return crs;
  } catch {
    throw new VectorInputError("crs_unsupported", crs.length > 60 ? `${crs.slice(0, 57)}...` : crs, { crs: crs.slice(0, 60) });
  }
}

/** Used by readers and the import: whether coordinates in this CRS are already lon/lat degrees. */
export function isLonLatCrs(crs: string): boolean {
  return definitionOf(crs) === null;
}

/**
 * Used by `readVectorFile`: the features with every position converted from `crs` ("EPSG:4527", a proj4 string
 * or WKT) to lon/lat; the same features when `crs` is lon/lat. Throws `crs_unsupported` for a CRS proj4 cannot use.
 */
export function toLonLat(features: AnyFeature[], crs: string): AnyFeature[] {
  const def = definitionOf(crs);
  if (def === null) return features;
  const converter = proj4(def, "EPSG:4326");
  const convert = (p: Position): Position => {
    const [x, y] = converter.forward([p[0], p[1]]);
    return p.length > 2 ? [x, y, ...p.slice(2)] : [x, y];
  };
  return features.map((f) => (f.geometry ? { ...f, geometry: mapPositions(f.geometry, convert) } : f));
}

/** Used by `readVectorFile` when the user says the coordinates are GCJ-02: the features in WGS84. */
export function gcj02ToWgs84(features: AnyFeature[]): AnyFeature[] {
  const convert = (p: Position): Position => {
    const [x, y] = gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84) as [number, number];
    return p.length > 2 ? [x, y, ...p.slice(2)] : [x, y];
  };
  return features.map((f) => (f.geometry ? { ...f, geometry: mapPositions(f.geometry, convert) } : f));
}

/** China's extent in degrees, for the swapped lon/lat check. */
const CHINA = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 };
const inChina = (lon: number, lat: number) => lon >= CHINA.minLon && lon <= CHINA.maxLon && lat >= CHINA.minLat && lat <= CHINA.maxLat;

/**
 * Used by `readVectorFile`: true when the positions do not all fit China as (lon, lat) but all fit when swapped
 * (lon 73–136, lat 3–54), i.e. the file has latitude first.
 */
export function lonLatSwapped(features: AnyFeature[]): boolean {
  let any = false;
  let allAsIs = true;
  for (const f of features) {
    if (!f.geometry) continue;
    any = true;
    if (somePosition(f.geometry, (p) => !inChina(p[1], p[0]))) return false;
    if (allAsIs && somePosition(f.geometry, (p) => !inChina(p[0], p[1]))) allAsIs = false;
  }
  return any && !allAsIs;
}

/** Used by `readVectorFile` after {@link lonLatSwapped}: the features with x and y exchanged. */
export function swapLonLat(features: AnyFeature[]): AnyFeature[] {
  const swap = (p: Position): Position => [p[1], p[0], ...p.slice(2)];
  return features.map((f) => (f.geometry ? { ...f, geometry: mapPositions(f.geometry, swap) } : f));
}

/**
 * Used by the import pipeline to warn "outside the township": the indexes of the features with at least one
 * position outside `bbox` ([west, south, east, north] in lon/lat).
 */
export function outsideBbox(features: AnyFeature[], bbox: [number, number, number, number]): number[] {
  const [w, s, e, n] = bbox;
  const out: number[] = [];
  features.forEach((f, i) => {
    if (f.geometry && somePosition(f.geometry, (p) => p[0] < w || p[0] > e || p[1] < s || p[1] > n)) out.push(i);
  });
  return out;
}
