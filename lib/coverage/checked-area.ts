import type { MultiPolygon, Polygon } from "geojson";
import { FlatAreaBuilder, flattenArea, storeCheckedRing, type FlatArea } from "./flat-geometry";
import { checkGeometryValidity, checkRing, ringScratch, type GeometryProblem } from "./validity";

/** A geometry read once: the rules it breaks and its flat form. */
export interface CheckedArea {
  problems: GeometryProblem[];
  flat: FlatArea | null;
}

/**
 * Used by the coverage check for every district and small area: `checkGeometryValidity` and `flattenArea`
 * in one pass over the GeoJSON positions — each valid ring is copied from the validity check's scratch
 * into flat storage instead of being read a second time. A geometry that breaks any rule takes the two
 * separate functions, so the results are the same as calling them one after the other.
 */
export function checkAndFlattenArea(geometry: Polygon | MultiPolygon | null | undefined): CheckedArea {
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") || !Array.isArray(geometry.coordinates)) {
    return { problems: checkGeometryValidity(geometry), flat: flattenArea(geometry) };
  }
  const problems: GeometryProblem[] = [];
  const builder = new FlatAreaBuilder();
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let clean = true;
  for (let p = 0; p < polygons.length && clean; p++) {
    const polygon = polygons[p];
    if (!Array.isArray(polygon)) {
      clean = false;
      break;
    }
    builder.startPart();
    for (let r = 0; r < polygon.length; r++) {
      const n = checkRing(polygon[r], geometry.type === "Polygon" ? -1 : p, r, problems);
      if (n < 0) {
        clean = false;
        break;
      }
      builder.addRing(storeCheckedRing(ringScratch.xs, ringScratch.ys, n), r);
    }
  }
  if (!clean) {
    return { problems: checkGeometryValidity(geometry), flat: flattenArea(geometry) };
  }
  return { problems, flat: builder.finish() };
}
