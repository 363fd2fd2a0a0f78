/**
 * Reading KML and KMZ (issue #8) with @tmcw/togeojson on an @xmldom/xmldom document; a KMZ is unzipped safely
 * (doc.kml, else its first .kml). A DOCTYPE or ENTITY declaration is refused before parsing (`xml_entity`: external
 * entities, billion laughs). ExtendedData (Data and SimpleData) become properties; KML styles are dropped.
 * Coordinates are WGS84 lon/lat by the KML standard. Used by `readVectorFile`.
 */
import { kml } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import { decodeImportBytes } from "@/lib/io/import-decode";
import { readZip } from "@/lib/io/formats/read-zip";
import { VectorInputError } from "@/lib/io/formats/types";
import type { RawRead } from "@/lib/io/formats/read-raw";

/** Properties togeojson adds from KML styles, not attributes of the feature. */
const STYLE_KEYS = new Set([
  "styleUrl", "styleHash", "styleMapHash", "stroke", "stroke-opacity", "stroke-width", "fill", "fill-opacity",
  "marker-color", "icon", "icon-opacity", "icon-scale", "icon-heading", "icon-offset", "icon-offset-units",
  "label-color", "label-opacity", "label-scale", "visibility", "timespan", "timestamp", "@geometry-type",
]);

/** Used by the KML reader and tests: refuses a document type or entity declaration anywhere in the text. */
export function refuseXmlEntities(text: string, where: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new VectorInputError("xml_entity", where, { file: where });
}

function parseKml(text: string, where: string): RawRead {
  refuseXmlEntities(text, where);
  let doc: ReturnType<DOMParser["parseFromString"]>;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new Error(message);
      },
    }).parseFromString(text, "text/xml");
  } catch (error) {
    throw new VectorInputError("bad_kml", where, { file: where, message: String((error as Error).message).slice(0, 120) });
  }
  const root = doc.documentElement;
  if (!root || root.localName !== "kml") throw new VectorInputError("bad_kml", where, { file: where, message: "no <kml> root" });
  let collection: ReturnType<typeof kml>;
  try {
    collection = kml(doc as unknown as Document);
  } catch (error) {
    throw new VectorInputError("bad_kml", where, { file: where, message: String((error as Error).message).slice(0, 120) });
  }
  if (collection.features.length === 0) throw new VectorInputError("no_features", where, { file: where });
  const features = collection.features.map((f) => {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(f.properties ?? {})) if (!STYLE_KEYS.has(key)) properties[key] = value;
    return { type: "Feature" as const, geometry: f.geometry as never, properties };
  });
  return { features, crs: "EPSG:4326", encoding: null };
}

/** Used by `readVectorFile` for .kml and .kmz. */
export function readKml(bytes: Uint8Array, fileName: string): RawRead {
  if (!fileName.toLowerCase().endsWith(".kmz")) return parseKml(decodeImportBytes(bytes, "auto").text, fileName);
  const { names, files } = readZip(bytes, fileName, (name) => name.toLowerCase().endsWith(".kml"));
  const kmls = names.filter((n) => n.toLowerCase().endsWith(".kml"));
  const entry = kmls.find((n) => n.toLowerCase() === "doc.kml") ?? kmls[0];
  if (!entry) throw new VectorInputError("missing_kml", fileName, { file: fileName });
  return parseKml(decodeImportBytes(files[entry], "auto").text, `${fileName}/${entry}`);
}
