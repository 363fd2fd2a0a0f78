/**
 * Size limits for reading vector files (issue #8): used by `readVectorFile` and the zip reader so that a huge
 * upload or a zip bomb is refused with rule `too_large` before it fills the memory.
 */

/** Largest file accepted, in bytes (200 MB). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Largest total unpacked size of the entries read from a zip (KMZ, zipped Shapefile), in bytes (1 GB). */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

/** Largest unpacked/packed ratio of a zip once it unpacks to more than {@link RATIO_FLOOR_BYTES} (zip bomb). */
export const MAX_ZIP_RATIO = 200;

/** Below this unpacked size a high ratio is harmless (e.g. a small, very regular .dbf). */
export const RATIO_FLOOR_BYTES = 20 * 1024 * 1024;

/** Most entries a zip may have. */
export const MAX_ZIP_ENTRIES = 10_000;
