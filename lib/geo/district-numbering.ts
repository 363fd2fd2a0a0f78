import type { Point, Polygon } from "geojson";
import { formatSmallAreaCode, nextFreeSmallAreaCode } from "@/lib/domain/codes";
import type { AreaGeometry } from "@/lib/domain/types";
import { orderBuildingsClockwise, orderSmallAreasClockwise } from "./clockwise-order";

/** A small area to be numbered: `key` names it to the caller (an id, a feature index). */
export interface SmallAreaToNumber<A> {
  key: A;
  code: string | null;
  isVirtual: boolean;
  geometry: AreaGeometry | null;
}

/** A building to be numbered within the small area it lies in (`smallArea`, a small area's key). */
export interface BuildingToNumber<A, B> {
  key: B;
  smallArea: A;
  number: number | null;
  geometry: Point | Polygon;
}

/** The numbers of one district: every small area by new code, every building by small area and new number. */
export interface DistrictNumbering<A, B> {
  smallAreas: Array<{ key: A; oldCode: string | null; newCode: string }>;
  buildings: Array<{ key: B; smallArea: A; oldNumber: number | null; newNumber: number }>;
}

/** More small areas than codes: over 899 with territory, or virtual ones without a code past 999. */
export class TooManySmallAreas extends RangeError {
  constructor(readonly count: number) {
    super(`${count} small areas of one kind: only 001–899 (with territory) or 900–999 (virtual) are available`);
    this.name = "TooManySmallAreas";
  }
}

const byCode = (a: string | null, b: string | null) => (a ?? "~").localeCompare(b ?? "~");

/** Virtual small areas keep their codes; one without a code gets the next free 900+. */
function codesOfVirtual(virtual: readonly SmallAreaToNumber<unknown>[]): string[] {
  const codes: string[] = [];
  for (const a of virtual) {
    const code = a.code ?? nextFreeSmallAreaCode(codes, true);
    if (code === null) throw new TooManySmallAreas(virtual.length);
    codes.push(code);
  }
  return codes;
}

/** The first `count` codes from 001 up, skipping those `held` by virtual small areas. */
function territorialCodes(count: number, held: ReadonlySet<string>): string[] {
  const codes: string[] = [];
  for (let n = 1; codes.length < count; n++) {
    if (n > 899) throw new TooManySmallAreas(count);
    if (!held.has(formatSmallAreaCode(n))) codes.push(formatSmallAreaCode(n));
  }
  return codes;
}

/**
 * Used by `tessera number` and by renumbering a district in the database: the codes and numbers the numbering
 * rule (lib/domain/numbering.ts) gives one district. Small areas with territory get 001, 002, … in the rule's
 * order (skipping any code a virtual small area holds; those without geometry follow, by their old code);
 * virtual small areas keep their codes (one without gets the next free 900+). Buildings get 1, 2, … within
 * their small area in the rule's order; buildings naming no listed small area are left out. `district` may be
 * null: the small areas together then stand for it. Throws {@link TooManySmallAreas} past 899.
 */
export function numberDistrict<A, B>(
  district: AreaGeometry | null,
  smallAreas: readonly SmallAreaToNumber<A>[],
  buildings: readonly BuildingToNumber<A, B>[],
): DistrictNumbering<A, B> {
  const virtual = smallAreas.filter((a) => a.isVirtual).sort((a, b) => byCode(a.code, b.code));
  const withTerritory = smallAreas.filter((a) => !a.isVirtual && a.geometry);
  const withoutTerritory = smallAreas.filter((a) => !a.isVirtual && !a.geometry).sort((a, b) => byCode(a.code, b.code));
  const virtualCodes = codesOfVirtual(virtual);
  const codes = territorialCodes(withTerritory.length + withoutTerritory.length, new Set(virtualCodes));
  const ordered = [...orderSmallAreasClockwise(district, withTerritory, (a) => a.geometry!), ...withoutTerritory];
  const numbered = [
    ...ordered.map((a, i) => ({ area: a, newCode: codes[i] })),
    ...virtual.map((a, i) => ({ area: a, newCode: virtualCodes[i] })),
  ].sort((p, q) => byCode(p.newCode, q.newCode));

  const inArea = new Map<A, BuildingToNumber<A, B>[]>();
  for (const b of buildings) {
    const list = inArea.get(b.smallArea);
    if (list) list.push(b);
    else inArea.set(b.smallArea, [b]);
  }
  return {
    smallAreas: numbered.map(({ area, newCode }) => ({ key: area.key, oldCode: area.code, newCode })),
    buildings: numbered.flatMap(({ area }) =>
      orderBuildingsClockwise(area.geometry, inArea.get(area.key) ?? [], (b) => b.geometry).map((b, i) => ({ key: b.key, smallArea: area.key, oldNumber: b.number, newNumber: i + 1 })),
    ),
  };
}
