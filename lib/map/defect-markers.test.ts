import type { FeatureCollection, Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { defectMarkers } from "./defect-markers";

const defects = (...geometries: Geometry[]): FeatureCollection => ({
  type: "FeatureCollection",
  features: geometries.map((geometry, id) => ({ type: "Feature", id, geometry, properties: { kind: "gap", severity: "error" } })),
});

describe("defectMarkers", () => {
  it("puts one marker inside each area defect and in the middle of a line, none on points", () => {
    const out = defectMarkers(
      defects(
        { type: "Polygon", coordinates: [[[120, 30], [120.002, 30], [120.002, 30.001], [120, 30.001], [120, 30]]] },
        { type: "Point", coordinates: [120.1, 30.1] },
        { type: "LineString", coordinates: [[120, 30], [120.004, 30.002]] },
      ),
    );
    expect(out.features.map((f) => f.id)).toEqual([0, 2]);
    const [x, y] = out.features[0].geometry.coordinates;
    expect(x).toBeCloseTo(120.001, 6);
    expect(y).toBeCloseTo(30.0005, 6);
    expect(out.features[1].geometry.coordinates[0]).toBeCloseTo(120.002, 9);
    expect(out.features[1].geometry.coordinates[1]).toBeCloseTo(30.001, 9);
    expect(out.features[0].properties).toEqual({ kind: "gap", severity: "error" });
  });

  it("falls back to the bbox centre for a ring too broken to find an inside point", () => {
    const out = defectMarkers(defects({ type: "MultiPolygon", coordinates: [] }, { type: "Polygon", coordinates: [[[120, 30], [120.002, 30.002]]] }));
    // the empty MultiPolygon has no position at all and gets no marker
    expect(out.features).toHaveLength(1);
    expect(out.features[0].id).toBe(1);
    expect(out.features[0].geometry.coordinates[0]).toBeCloseTo(120.001, 9);
    expect(out.features[0].geometry.coordinates[1]).toBeCloseTo(30.001, 9);
  });
});
