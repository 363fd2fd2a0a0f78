/**
 * Printed map sheets (issue #7): the data a sheet is drawn from and the choices of one print. The loaders in
 * `db/print-queries.ts` fill these from the database; the pure layout in `lib/print/*-sheet.ts` turns them into
 * SVG pages; `lib/print/render-pdf.ts` prints the pages to PDF in headless Chromium (ADR 0010).
 */
import type { Geometry, Point, Polygon } from "geojson";
import type { Bbox } from "@/lib/geo/bbox";
import type { AreaGeometry, BuildingUse, ReferenceKind } from "@/lib/domain/types";
import type { SmallAreaState } from "@/lib/domain/workflow";

export const PAPERS = ["A4", "A3"] as const;
export type Paper = (typeof PAPERS)[number];
export const ORIENTATIONS = ["portrait", "landscape"] as const;
export type Orientation = (typeof ORIENTATIONS)[number];
export const SHEET_LOCALES = ["zh", "en"] as const;
export type SheetLocale = (typeof SHEET_LOCALES)[number];

/** The choices of one print. `printedAt` is an ISO date (YYYY-MM-DD) printed in the title block. */
export interface PrintOptions {
  paper: Paper;
  orientation: Orientation;
  /** aerial imagery under the map (off by default: clean line maps) */
  imagery: boolean;
  locale: SheetLocale;
  printedAt: string;
}

/** A code with its name in the sheet's language. */
export interface CodeName {
  code: string;
  name: string;
}

/** Where a sheet's area sits: census, county, township, district (names already in the sheet's language). */
export interface SheetPlace {
  censusName: string;
  county: CodeName;
  township: CodeName;
  district: CodeName;
}

/** A small area as drawn on a sheet (the printed one, or a neighbour labelled with its code). */
export interface SheetArea {
  id: number;
  /** 3 digits inside its district */
  code: string;
  /** 12-digit district code + 3-digit small-area code */
  fullCode: string;
  districtCode: string;
  name: string | null;
  isVirtual: boolean;
  /** null for a virtual area */
  geometry: AreaGeometry | null;
  state: SmallAreaState;
  households: number;
  persons: number;
}

/** A building with its number and counts (counts are of the units that count in the printed area). */
export interface SheetBuilding {
  id: number;
  number: number | null;
  use: BuildingUse;
  /** landmark name in the sheet's language (schools, factories, shops…), null for most houses */
  name: string | null;
  floors: number;
  geometry: Point | Polygon;
  housingUnits: number;
  households: number;
  persons: number;
}

/** A reference feature for orientation: road, river, pond, farmland, landmark (school, factory, shop…). */
export interface SheetReference {
  kind: ReferenceKind;
  subkind: string | null;
  name: string | null;
  widthM: number | null;
  geometry: Geometry;
}

/** Aerial imagery prepared for the map frame: an image (data: URL, JPEG) covering `bbox` (lon/lat). */
export interface SheetImagery {
  dataUrl: string;
  bbox: Bbox;
  attribution: string | null;
}

/** Everything a small-area sheet (普查小区图) shows. */
export interface SmallAreaSheetData {
  place: SheetPlace;
  area: SheetArea;
  guides: string[];
  enumerators: string[];
  /** buildings of the area, in number order; for a virtual area the buildings whose units count in it */
  buildings: SheetBuilding[];
  /** other buildings inside the map frame, drawn faint without numbers */
  otherBuildings: Array<Point | Polygon>;
  /** small areas around it (any district), labelled with their code */
  neighbours: SheetArea[];
  /** the district's boundary (drawn as the district line) */
  districtGeometry: AreaGeometry;
  references: SheetReference[];
  imagery: SheetImagery | null;
}

/** Everything a district sheet (普查区图) shows. */
export interface DistrictSheetData {
  place: SheetPlace;
  districtGeometry: AreaGeometry;
  guides: string[];
  /** all small areas of the district, numbered; virtual ones are listed, not drawn */
  areas: SheetArea[];
  /** districts around it, labelled with code and name */
  neighbourDistricts: Array<CodeName & { geometry: AreaGeometry }>;
  buildings: Array<Point | Polygon>;
  references: SheetReference[];
  imagery: SheetImagery | null;
}

/** One line of a batch's index: a small area and the page its sheet starts on. */
export interface BatchIndexEntry {
  fullCode: string;
  name: string | null;
  districtName: string;
  state: SmallAreaState;
  households: number;
  page: number;
}

/** The cover and index of a batch (all sheets of a district or a township). */
export interface BatchFront {
  censusName: string;
  /** e.g. "东河镇 (110101001)" — the township or district the batch is of */
  title: string;
  scope: "district" | "township";
  entries: BatchIndexEntry[];
  totalPages: number;
}

/** One page of the document: an SVG element exactly the paper's size (width/height in mm). */
export type SheetPage = string;
