/**
 * `npx tsx bin/make-ideograph-table.ts`: writes `lib/print/ideograph-equivalents.json`, the table the PDF
 * ToUnicode repair (`lib/print/pdf-unicode.ts`) uses. Chromium's PDF writer names a glyph by one of the code
 * points the font maps to it, and when a radical (⼩ U+2F29) and an ideograph (小 U+5C0F) share a glyph it
 * may pick the radical, which breaks search and copy. The table lists, for Noto Sans CJK SC Regular and Bold
 * (the sheets' font), every code point outside the CJK ideograph blocks whose glyph is also the glyph of an
 * ideograph, with the lowest such ideograph (or, when only a CJK compatibility ideograph shares it, the unified
 * ideograph that one is equivalent to). Run again when the font changes; the output is committed.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
// @ts-expect-error fontkit ships no type declarations
import * as fontkit from "fontkit";

interface FontkitFont {
  postscriptName: string;
  characterSet: number[];
  glyphForCodePoint(codePoint: number): { id: number };
}

const FONTS = [
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", name: "NotoSansCJKsc-Regular" },
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", name: "NotoSansCJKsc-Bold" },
];

/** CJK Unified Ideographs, Extension A, and the supplementary ideographic planes (Extensions B and later). */
const isIdeograph = (cp: number) => (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || cp >= 0x20000;

/** The unified ideograph a CJK compatibility ideograph (U+F900–FAFF) is canonically equivalent to, or null. */
function unifiedOf(cp: number): number | null {
  if (cp < 0xf900 || cp > 0xfaff) return null;
  const nfc = String.fromCodePoint(cp).normalize("NFC").codePointAt(0)!;
  return isIdeograph(nfc) ? nfc : null;
}

function equivalents(font: FontkitFont): Map<number, number> {
  const codePointsOfGlyph = new Map<number, number[]>();
  for (const cp of font.characterSet) {
    const gid = font.glyphForCodePoint(cp).id;
    if (gid !== 0) codePointsOfGlyph.set(gid, [...(codePointsOfGlyph.get(gid) ?? []), cp]);
  }
  const out = new Map<number, number>();
  for (const cps of codePointsOfGlyph.values()) {
    if (cps.length < 2) continue;
    // the lowest ideograph on the glyph; else (⺿ and 艹 U+FA5E share one) the one a compatibility ideograph stands for
    const unified = cps.filter(isIdeograph);
    const ideograph = unified.length ? Math.min(...unified) : Math.min(Infinity, ...cps.map((cp) => unifiedOf(cp) ?? Infinity));
    if (ideograph === Infinity) continue;
    for (const cp of cps) if (!isIdeograph(cp)) out.set(cp, ideograph);
  }
  return out;
}

const table = new Map<number, number>();
for (const { file, name } of FONTS) {
  const font = fontkit.openSync(file, name) as FontkitFont;
  if (font.postscriptName !== name) throw new Error(`${file}: no font ${name}`);
  const found = equivalents(font);
  for (const [cp, ideograph] of found) table.set(cp, Math.min(ideograph, table.get(cp) ?? Infinity));
  console.log(`${name}: ${found.size} code points share a glyph with an ideograph`);
}

const entries = [...table].sort((a, b) => a[0] - b[0]);
const body = entries.map(([cp, ideograph]) => `  ${JSON.stringify(String.fromCodePoint(cp))}: ${JSON.stringify(String.fromCodePoint(ideograph))}`);
const out = join(process.cwd(), "lib/print/ideograph-equivalents.json");
writeFileSync(out, `{\n${body.join(",\n")}\n}\n`);
const radicals = entries.filter(([cp]) => cp >= 0x2e80 && cp <= 0x2fdf).length;
console.log(`wrote ${out}: ${entries.length} entries (${radicals} radicals in U+2E80–U+2FDF)`);
