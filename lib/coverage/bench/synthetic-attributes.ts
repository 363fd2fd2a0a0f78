import { addTruth, areaAt, areaBbox, pickCell, type CountyModel } from "./synthetic-model";
import { finiteBbox } from "./truth";

const BAD_CODES = ["12", "9a1", "905", "000", "1234", "A01"];

/**
 * Used by `generateSyntheticCounty`: attribute defects, `count` of each — too_small / too_large (households
 * set under / over the band), no_buildings, duplicate_code (two areas of a district share a code) and bad_code
 * — plus `virtualAreas` virtual small areas (code 9xx, no geometry, no buildings: a hard case, not a defect).
 */
export function injectAttributeDefects(m: CountyModel, count: number, virtualAreas: number): void {
  for (const kind of ["too_small", "too_large", "no_buildings"] as const) {
    for (let q = 0; q < count; q++) {
      const area = areaAt(m, ...pickCell(m));
      m.areas[area].size = kind === "too_small" ? "small" : kind === "too_large" ? "large" : "none";
      addTruth(m, {
        kind,
        variant: "households",
        districts: [m.areas[area].district],
        areas: [area],
        areaM2: 0,
        bbox: areaBbox(m, area),
        tolerated: kind === "no_buildings" ? ["too_small"] : [],
      });
    }
  }
  for (let q = 0; q < count; q++) {
    const a = areaAt(m, ...pickCell(m));
    const district = m.areas[a].district;
    const b = areaAt(m, ...pickCell(m, district));
    m.areas[a].code = m.areas[b].code;
    addTruth(m, {
      kind: "duplicate_code",
      variant: "same-district",
      districts: [district],
      areas: [a, b],
      areaM2: 0,
      bbox: finiteBbox([...m.areas[a].polygons!.flat(2), ...m.areas[b].polygons!.flat(2)]),
      tolerated: ["too_large", "too_small", "no_buildings", "multipart", "gap", "overlap"],
    });
  }
  for (let q = 0; q < count; q++) {
    const area = areaAt(m, ...pickCell(m));
    const code = BAD_CODES[q % BAD_CODES.length];
    m.areas[area].code = code;
    addTruth(m, { kind: "bad_code", variant: code, districts: [m.areas[area].district], areas: [area], areaM2: 0, bbox: areaBbox(m, area) });
  }
  for (let q = 0; q < virtualAreas; q++) {
    const district = m.rnd.int(0, m.districts.length - 1);
    const code = String(900 + m.areas.filter((a) => a.district === district && a.isVirtual).length + 1);
    m.areas.push({ district, code, isVirtual: true, polygons: null, cell: null, size: "none", placement: null });
    m.hardCases.push({ kind: "virtual_area", variant: "no-geometry", district: m.districts[district].code, districts: [m.districts[district].code], smallAreas: [code], bbox: null });
  }
}
