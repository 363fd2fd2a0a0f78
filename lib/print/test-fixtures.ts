/**
 * Hand-made sample data for the tests of the sheet layout (`lib/print/*.test.ts`): a small area of a few
 * hundred metres near 120.1°E 30.3°N with Chinese names (several with 小), its neighbours, district and
 * references; plus small helpers to read the SVG back. Not used by the app.
 */
import type { Point, Polygon, Position } from "geojson";
import type { SmallAreaState } from "@/lib/domain/workflow";
import type { BatchFront, DistrictSheetData, PrintOptions, SheetArea, SheetBuilding, SheetPlace, SheetReference, SmallAreaSheetData } from "./types";

/** Degrees per metre at the sample's latitude (30.3°), for laying out the fixtures in metres. */
const LON0 = 120.1, LAT0 = 30.3;
const DEG_PER_M_LON = 1 / (111_320 * Math.cos((LAT0 * Math.PI) / 180));
const DEG_PER_M_LAT = 1 / 110_574;

/** Lon/lat of a point `x` m east and `y` m north of the sample's origin. */
export function at(x: number, y: number): Position {
  return [LON0 + x * DEG_PER_M_LON, LAT0 + y * DEG_PER_M_LAT];
}

/** A rectangle polygon from (x0, y0) to (x1, y1), metres from the origin. */
export function rectangle(x0: number, y0: number, x1: number, y1: number): Polygon {
  return { type: "Polygon", coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] };
}

/** The print options of the tests (A4 portrait, Chinese, no imagery) with overrides. */
export function sampleOptions(overrides: Partial<PrintOptions> = {}): PrintOptions {
  return { paper: "A4", orientation: "portrait", imagery: false, locale: "zh", printedAt: "2026-11-30", ...overrides };
}

/** Where the sample area sits: census, county, township (小营镇) and district (小河社区). */
export const SAMPLE_PLACE: SheetPlace = {
  censusName: "第八次全国人口普查",
  county: { code: "330199", name: "示范县" },
  township: { code: "330199101", name: "小营镇" },
  district: { code: "330199101001", name: "小河社区" },
};

/** A small area of the sample district. */
export function sampleArea(code: string, geometry: Polygon | null, overrides: Partial<SheetArea> = {}): SheetArea {
  return {
    id: Number(code), code, fullCode: `330199101001${code}`, districtCode: "330199101001", name: null,
    isVirtual: geometry === null, geometry, state: "draft", households: 80, persons: 250, ...overrides,
  };
}

/** `count` buildings in rows inside the sample area (0–300 m × 0–200 m); every 7th is a point; building 1 is a school. */
export function sampleBuildings(count: number): SheetBuilding[] {
  const perRow = 12;
  return Array.from({ length: count }, (_, i) => {
    const x = 15 + (i % perRow) * 23, y = 185 - Math.floor(i / perRow) * 20;
    const geometry: Point | Polygon = i % 7 === 6 ? { type: "Point", coordinates: at(x + 6, y - 6) } : rectangle(x, y - 12, x + 14, y);
    return {
      id: 1000 + i, number: i + 1, use: i === 0 ? "school" : i % 5 === 4 ? "mixed" : "residential", name: i === 0 ? "小河小学" : null,
      floors: 2, geometry, housingUnits: 2, households: 2, persons: 6,
    };
  });
}

/** Roads, a river, a pond, farmland and a shop around the sample area. */
export function sampleReferences(): SheetReference[] {
  return [
    { kind: "road", subkind: "main_road", name: "小河路", widthM: 12, geometry: { type: "LineString", coordinates: [at(-150, -6), at(450, -6)] } },
    { kind: "road", subkind: "lane", name: "青石一弄", widthM: 4, geometry: { type: "LineString", coordinates: [at(150, -100), at(150, 0)] } },
    { kind: "river", subkind: "river", name: "小溪", widthM: 10, geometry: { type: "LineString", coordinates: [at(-18, -150), at(-18, 350)] } },
    { kind: "water", subkind: "pond", name: "月塘", widthM: null, geometry: rectangle(220, -55, 280, -20) },
    { kind: "farmland", subkind: "field", name: null, widthM: null, geometry: rectangle(-40, 220, 120, 300) },
    { kind: "landmark", subkind: "shop", name: "小河超市", widthM: null, geometry: { type: "Point", coordinates: at(90, -35) } },
  ];
}

/** The sample small-area sheet: area 001 of 小河社区, named `name`, in `state`, with `buildings` buildings. */
export function sampleSmallAreaSheet(options: { state?: SmallAreaState; buildings?: number; name?: string | null; virtual?: boolean } = {}): SmallAreaSheetData {
  const buildings = sampleBuildings(options.buildings ?? 12);
  const geometry = options.virtual ? null : rectangle(0, 0, 300, 200);
  return {
    place: SAMPLE_PLACE,
    area: sampleArea("001", geometry, { name: options.name === undefined ? "小河东区" : options.name, state: options.state ?? "draft", households: 24, persons: 72 }),
    guides: ["张小明"],
    enumerators: ["李小红", "王五"],
    buildings,
    otherBuildings: [rectangle(320, 10, 335, 22), { type: "Point", coordinates: at(-20, 100) }],
    neighbours: [
      sampleArea("002", rectangle(300, 0, 500, 200)),
      sampleArea("014", rectangle(0, 200, 300, 400), { districtCode: "330199101002", fullCode: "330199101002014" }),
    ],
    districtGeometry: rectangle(-100, -150, 500, 200),
    references: sampleReferences(),
    imagery: null,
  };
}

/** The sample district sheet: 小河社区 with three small areas (one virtual) in `states`. */
export function sampleDistrictSheet(states: SmallAreaState[] = ["draft", "confirmed", "ready"]): DistrictSheetData {
  return {
    place: SAMPLE_PLACE,
    districtGeometry: rectangle(-100, -150, 500, 200),
    guides: ["张小明"],
    areas: [
      sampleArea("001", rectangle(-100, -150, 200, 200), { name: "小河东区", state: states[0] }),
      sampleArea("002", rectangle(200, -150, 500, 200), { name: "小河西区", state: states[1] }),
      sampleArea("003", null, { name: "集体户", state: states[2], households: 5, persons: 40 }),
    ],
    neighbourDistricts: [{ code: "330199101002", name: "南苑社区", geometry: rectangle(-100, 200, 500, 500) }],
    buildings: sampleBuildings(30).map((b) => b.geometry),
    references: sampleReferences(),
    imagery: null,
  };
}

/** A batch front of `entries` sheets, one page each after the front. */
export function sampleBatchFront(entries: number, frontPages: number): BatchFront {
  return {
    censusName: "第八次全国人口普查",
    title: "小营镇 (330199101)",
    scope: "township",
    totalPages: frontPages + entries,
    entries: Array.from({ length: entries }, (_, i) => ({
      fullCode: `330199101001${String(i + 1).padStart(3, "0")}`, name: i % 2 ? null : `小区${i + 1}`, districtName: "小河社区",
      state: "draft" as const, households: 80, page: frontPages + i + 1,
    })),
  };
}

/** A `<text>` element read back from a page: its attributes and its (unescaped) content. */
export interface SvgText {
  attributes: Record<string, string>;
  text: string;
  x: number;
  y: number;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** Used by the tests to read the labels of a page: every `<text>` element with its attributes and content. */
export function svgTexts(svg: string): SvgText[] {
  const out: SvgText[] = [];
  for (const m of svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)) {
    const attributes: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[a[1]] = unescape(a[2]);
    out.push({ attributes, text: unescape(m[2]), x: Number(attributes.x), y: Number(attributes.y) });
  }
  return out;
}

/**
 * Used by the tests to check a page is well-formed XML without a parser: tags nest and close, and every "&"
 * starts an entity. Returns the first problem, or null.
 */
export function xmlProblem(svg: string): string | null {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/g)) {
    if (m[0] === "<") return `stray "<" at ${m.index}`;
    if (m[0] === "&") return `bare "&" at ${m.index}`;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) return `unbalanced </${name}> at ${m.index}`;
    } else if (!selfClosing) stack.push(name);
  }
  return stack.length ? `unclosed <${stack[stack.length - 1]}>` : null;
}
