/** The parts of @mapbox/shp-write (no types of its own) that tests use to make zipped Shapefile fixtures. */
declare module "@mapbox/shp-write" {
  import type { FeatureCollection } from "geojson";
  interface ZipOptions {
    outputType?: "uint8array" | "base64" | "blob" | "arraybuffer" | "nodebuffer";
    compression?: "STORE" | "DEFLATE";
    folder?: string;
    prj?: string;
    types?: Partial<Record<"point" | "polygon" | "polyline" | "multipolygon" | "multiline", string>>;
  }
  const shpwrite: { zip(geojson: FeatureCollection, options?: ZipOptions): Promise<Uint8Array> };
  export default shpwrite;
}
