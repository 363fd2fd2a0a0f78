/**
 * The coordinate reference systems Tessera knows by EPSG code (issue #8), as proj4 definitions built from their
 * parameters: WGS84 and CGCS2000 geographic (both treated as lon/lat), Web Mercator, and the CGCS2000
 * Gauss-Krüger zones (6-degree EPSG:4491–4512, 3-degree EPSG:4513–4554). Used by `lib/io/crs.ts`.
 */

/** CGCS2000 ellipsoid (GRS80 axes; the flattening differs from GRS80 by < 1e-10, below a millimetre). */
const CGCS2000 = "+ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";

/** A transverse Mercator on CGCS2000 with central meridian `cm` and false easting `falseEasting`. */
function gaussKruger(cm: number, falseEasting: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${falseEasting} +y_0=0 ${CGCS2000}`;
}

/** A Gauss-Krüger zone: its EPSG code, central meridian and false easting. */
export interface GkZone {
  code: number;
  cm: number;
  falseEasting: number;
  /** 3 or 6 degrees wide */
  width: 3 | 6;
  /** the zone number when the false easting carries it as a prefix, else null */
  zone: number | null;
}

/** Used by `crs.ts` and tests: every CGCS2000 Gauss-Krüger zone EPSG:4491–4554. */
export function gkZones(): GkZone[] {
  const zones: GkZone[] = [];
  for (let zone = 13; zone <= 23; zone++) zones.push({ code: 4491 + zone - 13, cm: zone * 6 - 3, falseEasting: zone * 1e6 + 5e5, width: 6, zone });
  for (let i = 0; i <= 10; i++) zones.push({ code: 4502 + i, cm: 75 + 6 * i, falseEasting: 5e5, width: 6, zone: null });
  for (let zone = 25; zone <= 45; zone++) zones.push({ code: 4513 + zone - 25, cm: zone * 3, falseEasting: zone * 1e6 + 5e5, width: 3, zone });
  for (let i = 0; i <= 20; i++) zones.push({ code: 4534 + i, cm: 75 + 3 * i, falseEasting: 5e5, width: 3, zone: null });
  return zones;
}

/** Codes whose coordinates are already lon/lat degrees (no reprojection). */
export const LONLAT_CODES = new Set([4326, 4490, 4979, 4480]);

/** Used by `crs.ts`: the proj4 definition of an EPSG code Tessera knows, or null. */
export function epsgDefinition(code: number): string | null {
  if (LONLAT_CODES.has(code)) return "+proj=longlat +datum=WGS84 +no_defs";
  if (code === 3857 || code === 900913 || code === 102100) {
    return "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs";
  }
  const zone = gkZones().find((z) => z.code === code);
  return zone ? gaussKruger(zone.cm, zone.falseEasting) : null;
}

/**
 * Used for `crs_unknown`: the EPSG code suggested by an easting with a zone-number prefix (e.g. 39 512 345 →
 * EPSG:4527, 3-degree zone 39; 20 512 345 → EPSG:4498, 6-degree zone 20), or null when there is no prefix.
 */
export function zoneFromEasting(easting: number): GkZone | null {
  const prefix = Math.floor(easting / 1e6);
  return gkZones().find((z) => z.zone === prefix) ?? null;
}
