import type { BuildingUse } from "@/lib/domain/types";
import type { SmallAreaState } from "@/lib/domain/workflow";
import type { SheetLocale } from "./types";

/** Every word printed on a sheet, in one language (sheet text lives here, not in the app's message files). */
export interface SheetText {
  smallAreaTitle: string;
  virtualSuffix: string;
  districtTitle: string;
  bookTitle: string;
  indexTitle: string;
  buildingListTitle: string;
  areaListTitle: string;
  continued: string;
  county: string;
  township: string;
  district: string;
  smallArea: string;
  guides: string;
  enumerators: string;
  householdsPersons: string;
  households: string;
  persons: string;
  state: string;
  printed: string;
  scale: string;
  legend: string;
  north: string;
  watermark: string;
  none: string;
  totals: string;
  areaCount: string;
  signedOff: (done: number, total: number) => string;
  sheets: (count: number) => string;
  page: (page: number, total: number) => string;
  /** legend entries */
  legendEntries: {
    thisArea: string;
    neighbour: string;
    districtLine: string;
    building: string;
    buildingPlain: string;
    road: string;
    river: string;
    water: string;
    farmland: string;
    landmark: string;
    smallAreaLine: string;
    neighbourDistrict: string;
  };
  /** table headers */
  columns: {
    number: string;
    use: string;
    name: string;
    units: string;
    households: string;
    persons: string;
    code: string;
    fullCode: string;
    areaName: string;
    districtName: string;
    state: string;
    page: string;
  };
  uses: Record<BuildingUse, string>;
  states: Record<SmallAreaState, string>;
}

const ZH: SheetText = {
  smallAreaTitle: "普查小区图",
  virtualSuffix: "（虚拟小区）",
  districtTitle: "普查区图",
  bookTitle: "普查小区图册",
  indexTitle: "目录",
  buildingListTitle: "建筑物清单",
  areaListTitle: "普查小区一览",
  continued: "（续）",
  county: "县（市、区）",
  township: "乡镇（街道）",
  district: "普查区",
  smallArea: "普查小区",
  guides: "普查指导员",
  enumerators: "普查员",
  householdsPersons: "户数 / 人数",
  households: "户数",
  persons: "人数",
  state: "状态",
  printed: "打印日期",
  scale: "比例尺",
  legend: "图例",
  north: "北",
  watermark: "草稿 DRAFT",
  none: "—",
  totals: "合计",
  areaCount: "普查小区数",
  signedOff: (done, total) => `已确认 ${done} / ${total}`,
  sheets: (count) => `共 ${count} 幅`,
  page: (page, total) => `第 ${page} / ${total} 页`,
  legendEntries: {
    thisArea: "本普查小区界线",
    neighbour: "相邻普查小区（代码）",
    districtLine: "普查区界线",
    building: "建筑物（编号）",
    buildingPlain: "建筑物",
    road: "道路",
    river: "河流",
    water: "水塘、水面",
    farmland: "耕地",
    landmark: "标志性地物",
    smallAreaLine: "普查小区界线（代码）",
    neighbourDistrict: "相邻普查区",
  },
  columns: {
    number: "编号",
    use: "用途",
    name: "名称",
    units: "单元",
    households: "户数",
    persons: "人数",
    code: "代码",
    fullCode: "普查小区代码",
    areaName: "名称",
    districtName: "普查区",
    state: "状态",
    page: "页码",
  },
  uses: {
    residential: "住宅",
    mixed: "商住混合",
    school: "学校",
    factory: "工厂",
    shop: "商店",
    office: "办公",
    hospital: "医院",
    restricted: "军事/监狱",
    other: "其他",
  },
  states: { draft: "草稿", submitted: "已提交", returned: "已退回", approved: "已审核", confirmed: "已确认", ready: "可普查" },
};

const EN: SheetText = {
  smallAreaTitle: "Small-area map",
  virtualSuffix: " (virtual)",
  districtTitle: "District map",
  bookTitle: "Small-area map book",
  indexTitle: "Index",
  buildingListTitle: "Building list",
  areaListTitle: "Small areas",
  continued: " (continued)",
  county: "County",
  township: "Township",
  district: "District",
  smallArea: "Small area",
  guides: "Guide",
  enumerators: "Enumerator",
  householdsPersons: "Households / persons",
  households: "Households",
  persons: "Persons",
  state: "State",
  printed: "Printed",
  scale: "Scale",
  legend: "Legend",
  north: "N",
  watermark: "DRAFT",
  none: "—",
  totals: "Total",
  areaCount: "Small areas",
  signedOff: (done, total) => `${done} of ${total} confirmed`,
  sheets: (count) => `${count} sheet${count === 1 ? "" : "s"}`,
  page: (page, total) => `Page ${page} of ${total}`,
  legendEntries: {
    thisArea: "This small area",
    neighbour: "Neighbouring small area (code)",
    districtLine: "District boundary",
    building: "Building (number)",
    buildingPlain: "Building",
    road: "Road",
    river: "River",
    water: "Pond, water",
    farmland: "Farmland",
    landmark: "Landmark",
    smallAreaLine: "Small area (code)",
    neighbourDistrict: "Neighbouring district",
  },
  columns: {
    number: "No.",
    use: "Use",
    name: "Name",
    units: "Units",
    households: "HH",
    persons: "Pers.",
    code: "Code",
    fullCode: "Small-area code",
    areaName: "Name",
    districtName: "District",
    state: "State",
    page: "Page",
  },
  uses: {
    residential: "Residential",
    mixed: "Mixed",
    school: "School",
    factory: "Factory",
    shop: "Shop",
    office: "Office",
    hospital: "Hospital",
    restricted: "Restricted",
    other: "Other",
  },
  states: { draft: "Draft", submitted: "Submitted", returned: "Returned", approved: "Approved", confirmed: "Confirmed", ready: "Ready" },
};

/** Used by every sheet builder: the sheet words in the print's language. */
export function sheetText(locale: SheetLocale): SheetText {
  return locale === "zh" ? ZH : EN;
}

/** Used for "1:N" on sheets: N with thousands separators in English ("1:2,000"), plain in Chinese ("1:2000"). */
export function formatScale(scale: number, locale: SheetLocale): string {
  return `1:${locale === "en" ? scale.toLocaleString("en-US") : String(scale)}`;
}

/** Used wherever a code goes next to a name: "name (code)", or the code alone when there is no name. */
export function nameWithCode(name: string | null, code: string): string {
  return name ? `${name} (${code})` : code;
}
