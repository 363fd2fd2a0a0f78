import type { Feature, FeatureCollection, Point } from "geojson";
import { bboxOfGeometry } from "@/lib/geo/bbox";
import { labelPoint } from "@/lib/geo/label-point";

/**
 * Used by `TesseraMap.setDefects`: one marker point per area or line defect (inside the area where it can,
 * else the middle of its bbox), with the defect's id and properties, so that defects of a few m² can be
 * seen at township scale. Point defects are drawn as they are and get no marker.
 */
export function defectMarkers(defects: FeatureCollection): FeatureCollection<Point> {
  const features: Array<Feature<Point>> = [];
  for (const f of defects.features) {
    const g = f.geometry;
    if (!g || g.type === "Point" || g.type === "MultiPoint") continue;
    const [w, s, e, n] = bboxOfGeometry(g);
    let at: [number, number] = [(w + e) / 2, (s + n) / 2];
    if (g.type === "Polygon" || g.type === "MultiPolygon") {
      try {
        at = labelPoint(g);
      } catch {
        // a ring too broken to find an inside point (an invalid_geometry defect): the bbox centre will do
      }
    }
    if (!Number.isFinite(at[0]) || !Number.isFinite(at[1])) continue;
    features.push({ type: "Feature", id: f.id, geometry: { type: "Point", coordinates: at }, properties: f.properties });
  }
  return { type: "FeatureCollection", features };
}
