/**
 * Unpacking an uploaded zip (zipped Shapefile, KMZ) safely (issue #8): refuses entries whose path escapes the
 * folder (`zip_slip`), zips that unpack to more than the limit or at a bomb's ratio (`too_large`), and bytes that
 * are not a zip (`not_zip`). Only the entries the caller wants are inflated, each into a buffer of its declared
 * size (fflate never grows it, so a size that lies cannot blow up the memory). Used by the Shapefile and KML readers.
 */
import { unzipSync } from "fflate";
import { MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_RATIO, RATIO_FLOOR_BYTES } from "@/lib/io/formats/limits";
import { VectorInputError } from "@/lib/io/formats/types";

/** Used by `isZip` / `detectFormat`: the bytes start with a zip signature. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** A path that would land outside the folder it is unpacked into. */
export function escapesFolder(name: string): boolean {
  const path = name.replace(/\\/g, "/");
  return path.startsWith("/") || /^[a-zA-Z]:/.test(path) || path.split("/").includes("..");
}

/**
 * Used by the Shapefile and KML readers: every entry name of the zip (folders dropped, `__MACOSX` ignored) and the
 * bytes of those `wanted(name)` accepts. Throws `not_zip`, `zip_slip` (where: `file/entry`) or `too_large`.
 */
export function readZip(bytes: Uint8Array, fileName: string, wanted: (name: string) => boolean): { names: string[]; files: Record<string, Uint8Array> } {
  if (!isZip(bytes)) throw new VectorInputError("not_zip", fileName, { file: fileName });
  const names: string[] = [];
  let total = 0;
  let packed = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        if (escapesFolder(entry.name)) throw new VectorInputError("zip_slip", `${fileName}/${entry.name}`, { file: fileName, entry: entry.name });
        if (entry.name.endsWith("/") || entry.name.startsWith("__MACOSX/")) return false;
        names.push(entry.name);
        if (names.length > MAX_ZIP_ENTRIES) throw new VectorInputError("too_large", fileName, { file: fileName, limit: `${MAX_ZIP_ENTRIES} entries` });
        total += entry.originalSize;
        packed += entry.size;
        if (total > MAX_UNZIPPED_BYTES) throw new VectorInputError("too_large", fileName, { file: fileName, limit: `${MAX_UNZIPPED_BYTES / 2 ** 20} MB` });
        if (total > RATIO_FLOOR_BYTES && total > packed * MAX_ZIP_RATIO) {
          throw new VectorInputError("too_large", fileName, { file: fileName, limit: `1:${MAX_ZIP_RATIO}` });
        }
        return wanted(entry.name);
      },
    });
  } catch (error) {
    if (error instanceof VectorInputError) throw error;
    throw new VectorInputError("not_zip", fileName, { file: fileName });
  }
  return { names, files };
}
