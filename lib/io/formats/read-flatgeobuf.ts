/**
 * Reading FlatGeobuf (issue #8) with flatgeobuf's GeoJSON `deserialize`: the magic bytes are checked first
 * (`bad_flatgeobuf`), the header's CRS (EPSG code, else WKT) becomes the source CRS. Used by `readVectorFile`.
 */
import { geojson } from "flatgeobuf";
import type { HeaderMeta } from "flatgeobuf";
import { calcTreeSize } from "flatgeobuf/lib/mjs/packedrtree.js";
import { crsFromEpsg, crsFromPrj } from "@/lib/io/crs";
import { VectorInputError } from "@/lib/io/formats/types";
import type { RawFeature, RawRead } from "@/lib/io/formats/read-raw";

/** Used by `detectFormat`: "fgb", version 3, "fgb". */
export function isFlatGeobuf(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x66 && bytes[1] === 0x67 && bytes[2] === 0x62 && bytes[3] === 3 && bytes[4] === 0x66 && bytes[5] === 0x67 && bytes[6] === 0x62;
}

function crsOf(header: HeaderMeta | null, fileName: string): string | null {
  const crs = header?.crs;
  if (!crs || crs.code <= 0) {
    if (crs?.wkt) return crsFromPrj(crs.wkt) ?? null;
    return null;
  }
  if (!crs.org || crs.org.toUpperCase() === "EPSG") {
    const known = crsFromEpsg(crs.code);
    if (known) return known;
  }
  const fromWkt = crs.wkt ? crsFromPrj(crs.wkt) : null;
  if (!fromWkt) throw new VectorInputError("crs_unsupported", fileName, { crs: `${crs.org ?? "EPSG"}:${crs.code}` });
  return fromWkt;
}

/** Whether the size-prefixed features after the header and index end exactly at the end of the bytes. */
function featuresFit(bytes: Uint8Array, header: HeaderMeta): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8 + 4 + view.getUint32(8, true);
  if (header.indexNodeSize > 0) offset += calcTreeSize(Number(header.featuresCount), header.indexNodeSize);
  let count = 0;
  while (offset + 4 <= bytes.length) {
    offset += 4 + view.getUint32(offset, true);
    count++;
  }
  return offset === bytes.length && (Number(header.featuresCount) === 0 || count === Number(header.featuresCount));
}

/** Used by `readVectorFile` for .fgb. */
export async function readFlatGeobuf(bytes: Uint8Array, fileName: string): Promise<RawRead> {
  if (!isFlatGeobuf(bytes)) throw new VectorInputError("bad_flatgeobuf", fileName, { file: fileName, reason: "magic bytes" });
  let header: HeaderMeta | null = null;
  const features: RawFeature[] = [];
  try {
    for await (const f of geojson.deserialize(bytes, { headerMetaFn: (h) => (header = h) })) {
      features.push({ type: "Feature", geometry: f.geometry as never, properties: (f.properties ?? {}) as Record<string, unknown> });
    }
  } catch (error) {
    throw new VectorInputError("bad_flatgeobuf", fileName, { file: fileName, reason: String((error as Error).message).slice(0, 120) });
  }
  if (header && !featuresFit(bytes, header)) {
    throw new VectorInputError("bad_flatgeobuf", fileName, { file: fileName, reason: "truncated" });
  }
  if (features.length === 0) throw new VectorInputError("no_features", fileName, { file: fileName });
  return { features, crs: crsOf(header, fileName), encoding: null };
}
