import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import equivalents from "./ideograph-equivalents.json";
import { mergePdfs } from "./merge-pdf";
import { readPdf } from "./pdf-test-reader";
import { repairCMapText, repairToUnicode } from "./pdf-unicode";
import { closePrintBrowser, renderPdf } from "./render-pdf";

afterAll(() => closePrintBrowser());

const cmap = (body: string) => `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
${body}endcmap
CMapName currentdict /CMap defineresource pop
end
end
`;

describe("the ideograph table", () => {
  it("maps the radicals that share a glyph with an ideograph, and nothing inside the ideograph blocks", () => {
    const table = equivalents as Record<string, string>;
    expect(table["⼩"]).toBe("小");
    expect(table["⻚"]).toBe("页");
    expect(table["⺿"]).toBe("艹");
    const radicals = Object.keys(table).filter((k) => k.codePointAt(0)! >= 0x2e80 && k.codePointAt(0)! <= 0x2fdf);
    expect(radicals.length).toBeGreaterThanOrEqual(289);
    expect(Object.keys(table).some((k) => /[\u4e00-\u9fff]/u.test(k))).toBe(false);
  });
});

describe("repairCMapText", () => {
  it("rewrites radicals in bfchar and bfrange entries as ideographs, keeping the rest", () => {
    const text = cmap(`3 beginbfchar
<01> <0020>
<02> <2F29>
<03> <2EDA>
endbfchar
2 beginbfrange
<10> <12> <2F28>
<20> <21> [<0041> <2F00>]
endbfrange
1 beginbfrange
<30> <32> <0061>
endbfrange
`);
    const fixed = repairCMapText(text)!;
    expect(fixed).toContain("<02> <5C0F>");
    expect(fixed).toContain("<03> <9875>");
    expect(fixed).toContain("<01> <0020>");
    // ⼨ ⼩ ⼪ → 寸 小 尢; ⼀ → 一; the untouched range stays a range
    expect(fixed).toContain("<10> <5BF8>");
    expect(fixed).toContain("<11> <5C0F>");
    expect(fixed).toContain("<20> <0041>");
    expect(fixed).toContain("<21> <4E00>");
    expect(fixed).toContain("<30> <32> <0061>");
    expect(fixed).not.toMatch(/<2F|<2E/);
    expect(fixed.startsWith("/CIDInit")).toBe(true);
    expect(fixed).toMatch(/endcodespacerange\n8 beginbfchar\n/);
    expect(fixed).toMatch(/endcmap\nCMapName currentdict/);
  });

  it("writes blocks of at most 100 entries and leaves a CMap without radicals alone", () => {
    const lines = Array.from({ length: 250 }, (_, i) => `<${i.toString(16).padStart(4, "0")}> <${(0x2f00 + (i % 200)).toString(16)}>`);
    const fixed = repairCMapText(cmap(`250 beginbfchar\n${lines.join("\n")}\nendbfchar\n`))!;
    expect([...fixed.matchAll(/(\d+) beginbfchar/g)].map((m) => Number(m[1]))).toEqual([100, 100, 50]);
    expect(repairCMapText(cmap("1 beginbfchar\n<01> <5C0F>\nendbfchar\n"))).toBeNull();
  });

  it("keeps surrogate pairs (code points above U+FFFF) intact", () => {
    const fixed = repairCMapText(cmap("2 beginbfchar\n<01> <D840DC00>\n<02> <2F29>\nendbfchar\n"))!;
    expect(fixed).toContain("<01> <D840DC00>");
  });
});

describe("repairToUnicode on a PDF Chromium printed", () => {
  it("makes 普查小区 第1页 searchable", async () => {
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>@page { size: 210mm 297mm; margin: 0 } body { margin: 0 } svg { display: block }</style></head>
<body><svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="296mm" viewBox="0 0 210 296" font-family="'Noto Sans CJK SC', sans-serif">
<text x="20" y="30" font-size="8">普查小区 第1页</text><text x="20" y="50" font-size="8" font-weight="bold">小镇 大门</text></svg></body></html>`;
    const raw = await renderPdf(html);
    const before = (await readPdf(raw))[0].text.replace(/\s+/g, "");
    expect(before).toContain("⼩"); // the defect this repairs (if Chromium fixes it, this test says so)
    const doc = await PDFDocument.load(raw);
    expect(repairToUnicode(doc)).toBeGreaterThan(0);
    const after = (await readPdf(await doc.save()))[0].text.replace(/\s+/g, "");
    expect(after).toContain("普查小区第1页");
    expect(after).toContain("小镇大门");
    const merged = await mergePdfs([raw, raw]);
    expect(merged.pages).toBe(2);
    expect((await readPdf(merged.pdf)).map((p) => p.text.replace(/\s+/g, ""))).toEqual([after, after]);
  }, 30_000);
});
