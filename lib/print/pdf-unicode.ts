/**
 * Repair of the text layer of Chromium's PDFs (ADR 0010). Chromium writes CJK fonts with a ToUnicode CMap that
 * names each glyph by one code point the font maps to it; where a radical and an ideograph share a glyph it
 * may name the radical (小 → ⼩ U+2F29, 页 → ⻚ U+2EDA), so the printed words cannot be found or copied. The
 * table `ideograph-equivalents.json` (made by `bin/make-ideograph-table.ts` from the sheets' font) gives the
 * ideograph of every such code point; the CMaps are rewritten with it.
 */
import { decodePDFRawStream, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument } from "pdf-lib";
import equivalents from "./ideograph-equivalents.json";

const TABLE = new Map<number, string>(Object.entries(equivalents as Record<string, string>).map(([from, to]) => [from.codePointAt(0)!, to]));
const BLOCK = 100;

/** One CMap mapping: a source code (as hex, its width kept) to a destination string. */
interface CharEntry {
  src: string;
  dst: string;
}
/** A range mapping kept as it is (none of its destinations changes). */
interface RangeEntry {
  lo: string;
  hi: string;
  /** the raw destination: `<hex>` or `[<hex> …]` */
  dst: string;
}

const utf16ToString = (hex: string) => {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
};
const stringToUtf16 = (text: string) => [...text].flatMap((ch) => {
  const s = ch.length === 1 ? [ch.charCodeAt(0)] : [ch.charCodeAt(0), ch.charCodeAt(1)];
  return s.map((u) => u.toString(16).toUpperCase().padStart(4, "0"));
}).join("");
const repairString = (text: string) => [...text].map((ch) => TABLE.get(ch.codePointAt(0)!) ?? ch).join("");
const hexOf = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");

/** Destinations of a bfrange with one start destination: the last code unit counts up. */
function expandRange(lo: string, hi: string, dstHex: string): CharEntry[] {
  const out: CharEntry[] = [];
  const from = parseInt(lo, 16);
  const to = parseInt(hi, 16);
  const head = dstHex.slice(0, -4);
  const last = parseInt(dstHex.slice(-4), 16);
  for (let code = from; code <= to; code++) out.push({ src: hexOf(code, lo.length), dst: utf16ToString(head + hexOf(last + code - from, 4)) });
  return out;
}

function blocks<T>(items: T[], keyword: "bfchar" | "bfrange", line: (item: T) => string): string {
  let out = "";
  for (let i = 0; i < items.length; i += BLOCK) {
    const part = items.slice(i, i + BLOCK);
    out += `${part.length} begin${keyword}\n${part.map(line).join("\n")}\nend${keyword}\n`;
  }
  return out;
}

/**
 * Used by `repairToUnicode` and its tests: the text of a ToUnicode CMap with every destination that the table
 * knows replaced by its ideograph, written as bfchar blocks (≤ 100 entries; ranges that need no change are
 * kept as ranges), or null when nothing changes.
 */
export function repairCMapText(text: string): string | null {
  const first = text.search(/\d+\s+begin(bfchar|bfrange)\b/);
  const end = text.lastIndexOf("endcmap");
  if (first < 0 || end < first) return null;
  const chars: CharEntry[] = [];
  const ranges: RangeEntry[] = [];
  let changed = false;
  const body = text.slice(first, end);
  for (const block of body.matchAll(/begin(bfchar|bfrange)([\s\S]*?)end\1/g)) {
    if (block[1] === "bfchar") {
      for (const m of block[2].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) {
        const dst = utf16ToString(m[2]);
        const fixed = repairString(dst);
        changed ||= fixed !== dst;
        chars.push({ src: m[1].toUpperCase(), dst: fixed });
      }
      continue;
    }
    for (const m of block[2].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const [, lo, hi, dst] = m;
      const expanded = dst.startsWith("[")
        ? [...dst.matchAll(/<([0-9A-Fa-f]*)>/g)].map((d, i) => ({ src: hexOf(parseInt(lo, 16) + i, lo.length), dst: utf16ToString(d[1]) }))
        : expandRange(lo, hi, dst.slice(1, -1));
      if (expanded.some((e) => repairString(e.dst) !== e.dst)) {
        changed = true;
        for (const e of expanded) chars.push({ src: e.src, dst: repairString(e.dst) });
      } else {
        ranges.push({ lo: lo.toUpperCase(), hi: hi.toUpperCase(), dst });
      }
    }
  }
  if (!changed) return null;
  const entries =
    blocks(chars, "bfchar", (c) => `<${c.src}> <${stringToUtf16(c.dst)}>`) + blocks(ranges, "bfrange", (r) => `<${r.lo}> <${r.hi}> ${r.dst}`);
  return text.slice(0, first) + entries + text.slice(end);
}

/**
 * Used by `merge-pdf.ts` on every PDF the app prints: rewrites each font's /ToUnicode CMap whose destinations
 * name a radical (or another code point sharing an ideograph's glyph) with the ideograph, as a fresh
 * Flate stream. Returns how many CMaps were rewritten.
 */
export function repairToUnicode(pdf: PDFDocument): number {
  const context = pdf.context;
  const seen = new Set<string>();
  let rewritten = 0;
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const ref = object.get(PDFName.of("ToUnicode"));
    if (!(ref instanceof PDFRef) || seen.has(ref.toString())) continue;
    seen.add(ref.toString());
    const stream = context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const text = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    const fixed = repairCMapText(text);
    if (fixed === null) continue;
    context.assign(ref, context.flateStream(fixed));
    rewritten++;
  }
  return rewritten;
}
