import type { Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { numberDistrict, TooManySmallAreas, type BuildingToNumber, type SmallAreaToNumber } from "./district-numbering";

const square = (x0: number, y0: number, size = 1): Polygon => {
  const at = (x: number, y: number) => [120 + x / 1000, 30 + y / 1000];
  return { type: "Polygon", coordinates: [[at(x0, y0), at(x0 + size, y0), at(x0 + size, y0 + size), at(x0, y0 + size), at(x0, y0)]] };
};
const point = (x: number, y: number): Point => ({ type: "Point", coordinates: [120 + x / 1000, 30 + y / 1000] });
const district = square(0, 0, 2);

// 2×2 district: "a" south-east, "b" north-west, "c" north-east, "d" south-west; a virtual 901 and a virtual without code
const areas: SmallAreaToNumber<string>[] = [
  { key: "a", code: "001", isVirtual: false, geometry: square(1, 0) },
  { key: "b", code: "004", isVirtual: false, geometry: square(0, 1) },
  { key: "v", code: "901", isVirtual: true, geometry: null },
  { key: "c", code: null, isVirtual: false, geometry: square(1, 1) },
  { key: "w", code: null, isVirtual: true, geometry: null },
  { key: "d", code: "002", isVirtual: false, geometry: square(0, 0) },
];

describe("numberDistrict", () => {
  it("codes small areas with territory 001… by the rule, keeps virtual codes, gives a codeless virtual one the next 900+", () => {
    const { smallAreas } = numberDistrict(district, areas, []);
    expect(smallAreas).toEqual([
      { key: "b", oldCode: "004", newCode: "001" },
      { key: "c", oldCode: null, newCode: "002" },
      { key: "a", oldCode: "001", newCode: "003" },
      { key: "d", oldCode: "002", newCode: "004" },
      { key: "w", oldCode: null, newCode: "900" },
      { key: "v", oldCode: "901", newCode: "901" },
    ]);
    expect(numberDistrict(null, [...areas].reverse(), []).smallAreas).toEqual(smallAreas);
  });

  it("numbers buildings 1… within each small area, virtual ones too, and leaves out buildings of unknown areas", () => {
    const buildings: BuildingToNumber<string, number>[] = [
      { key: 1, smallArea: "b", number: 1, geometry: point(0.8, 1.2) },
      { key: 2, smallArea: "b", number: 2, geometry: point(0.2, 1.8) },
      { key: 3, smallArea: "v", number: null, geometry: point(5, 5) },
      { key: 4, smallArea: "nowhere", number: 7, geometry: point(9, 9) },
    ];
    expect(numberDistrict(district, areas, buildings).buildings).toEqual([
      { key: 2, smallArea: "b", oldNumber: 2, newNumber: 1 },
      { key: 1, smallArea: "b", oldNumber: 1, newNumber: 2 },
      { key: 3, smallArea: "v", oldNumber: null, newNumber: 1 },
    ]);
  });

  it("skips codes a virtual small area wrongly holds below 900, and refuses more than 899 areas", () => {
    const odd = [{ key: "x", code: "001", isVirtual: true, geometry: null }, ...areas.filter((a) => !a.isVirtual)];
    expect(numberDistrict(district, odd, []).smallAreas.map((a) => [a.key, a.newCode])).toEqual([["x", "001"], ["b", "002"], ["c", "003"], ["a", "004"], ["d", "005"]]);
    const many = Array.from({ length: 900 }, (_, i) => ({ key: i, code: null, isVirtual: false, geometry: square(i % 30, Math.floor(i / 30)) }));
    expect(() => numberDistrict(null, many, [])).toThrow(TooManySmallAreas);
  });
});
