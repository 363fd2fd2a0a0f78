/**
 * Turns the bytes of an uploaded or named file into text for the importers: UTF-8 (with or without a byte-order
 * mark) unless the bytes are not valid UTF-8, then GBK (what Chinese spreadsheet programs write by default);
 * an explicit encoding overrides the guess. Uses the WHATWG `TextDecoder`, so it runs in Node and browsers.
 */

/** Encodings an import file may be in. */
export const IMPORT_ENCODINGS = ["utf-8", "gbk"] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** How the importer was told to read the bytes: `auto` detects UTF-8, else falls back to GBK. */
export type EncodingChoice = ImportEncoding | "auto";

/** Decoded text, the encoding used and whether it was guessed (auto) or given. */
export interface DecodedText {
  text: string;
  encoding: ImportEncoding;
  /** `detected`: auto found UTF-8 or fell back to GBK; `given`: the caller named the encoding */
  encodingSource: "detected" | "given";
  /** the file started with a UTF-8 byte-order mark (dropped from the text) */
  bom: boolean;
}

/** Bytes that cannot be read as text in the encoding the caller named. */
export class DecodeError extends Error {
  constructor(readonly encoding: ImportEncoding) {
    super(`the file is not valid ${encoding === "utf-8" ? "UTF-8" : "GBK"} text`);
    this.name = "DecodeError";
  }
}

const hasBom = (bytes: Uint8Array) => bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Used by the building import (and any later importer): the file's text by {@link EncodingChoice}. */
export function decodeImportBytes(bytes: Uint8Array, choice: EncodingChoice = "auto"): DecodedText {
  const bom = hasBom(bytes);
  if (choice === "gbk") return { text: new TextDecoder("gbk").decode(bytes), encoding: "gbk", encodingSource: "given", bom: false };
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: "utf-8", encodingSource: choice === "auto" ? "detected" : "given", bom };
  if (choice === "utf-8") throw new DecodeError("utf-8");
  return { text: new TextDecoder("gbk").decode(bytes), encoding: "gbk", encodingSource: "detected", bom: false };
}
