import type { Polygon, Position } from "geojson";
import type { DemoBuilding, DemoTownship } from "./types";

/** Origin of the tiny township (south-west corner), lon/lat. */
export const TINY_ORIGIN: [number, number] = [113.2, 23.05];

const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((TINY_ORIGIN[1] * Math.PI) / 180);

/** Used by the fixture and its tests: metres east/north of the origin → [lon, lat]. */
export function tinyAt(eastM: number, northM: number): [number, number] {
  return [TINY_ORIGIN[0] + eastM / M_PER_DEG_LON, TINY_ORIGIN[1] + northM / M_PER_DEG_LAT];
}

function rect(e0: number, n0: number, e1: number, n1: number): Polygon {
  const ring: Position[] = [tinyAt(e0, n0), tinyAt(e1, n0), tinyAt(e1, n1), tinyAt(e0, n1), tinyAt(e0, n0)];
  return { type: "Polygon", coordinates: [ring] };
}

function building(e: number, n: number, w: number, d: number, use: DemoBuilding["use"], floors: number, number: number): DemoBuilding {
  return {
    districtCode: "440101001001",
    smallAreaFullCode: "440101001001001",
    number,
    use,
    nameZh: null,
    nameEn: null,
    floors,
    geometry: rect(e, n, e + w, n + d),
    units: [{ unitNumber: "101", floor: 1, entrance: "1", status: "occupied", households: 1, persons: 3 }],
  };
}

/**
 * Points of the fixture that tests sample: the pond's centre, a point on the main road 3 m off its centre line
 * (clear of the dashed marking), the middle of the field, and a point 12 m north of the pond.
 */
export const TINY_POINTS = {
  pond: tinyAt(470, 420),
  road: tinyAt(300, 247),
  field: tinyAt(150, 440),
  besidePond: tinyAt(470, 457),
} as const;

/**
 * Used by the imagery tests and by `preview-imagery` until the real generator exists: a hand-made township of
 * 800 m × 600 m with one district, one small area, a main road, a lane, a pond, a field and a few buildings.
 */
export function tinyTownship(): DemoTownship {
  const outline = rect(0, 0, 800, 600);
  return {
    county: { code: "440101", nameZh: "示范县", nameEn: "Demo County", geometry: rect(-500, -500, 1300, 1100) },
    township: { code: "440101001", nameZh: "小镇", nameEn: "Tiny Town", geometry: outline },
    districts: [{ code: "440101001001", nameZh: "小村", nameEn: "Tiny Village", kind: "village", geometry: outline, hasSmallAreas: true }],
    smallAreas: [{ districtCode: "440101001001", code: "001", geometry: outline }],
    buildings: [
      building(250, 275, 14, 9, "residential", 2, 1),
      building(275, 276, 12, 10, "residential", 3, 2),
      building(300, 280, 15, 9, "residential", 2, 3),
      building(330, 200, 40, 25, "factory", 1, 4),
      building(260, 205, 12, 9, "shop", 2, 5),
      building(390, 300, 11, 10, "residential", 2, 6),
    ],
    referenceFeatures: [
      { kind: "road", subkind: "main_road", nameZh: "主路", nameEn: "Main Road", widthM: 12, geometry: { type: "LineString", coordinates: [tinyAt(-100, 250), tinyAt(900, 250)] } },
      { kind: "road", subkind: "lane", nameZh: null, nameEn: null, widthM: 4, geometry: { type: "LineString", coordinates: [tinyAt(380, 250), tinyAt(380, 380), tinyAt(300, 420)] } },
      { kind: "water", subkind: "pond", nameZh: "塘", nameEn: "Pond", widthM: null, geometry: rect(440, 395, 500, 445) },
      { kind: "river", subkind: "river", nameZh: "河", nameEn: "River", widthM: 20, geometry: { type: "LineString", coordinates: [tinyAt(600, -100), tinyAt(650, 300), tinyAt(700, 700)] } },
      { kind: "farmland", subkind: "paddy", nameZh: null, nameEn: null, widthM: null, geometry: rect(40, 320, 260, 560) },
      { kind: "landmark", subkind: "school", nameZh: "学校", nameEn: "School", widthM: null, geometry: { type: "Point", coordinates: tinyAt(280, 200) } },
    ],
  };
}
