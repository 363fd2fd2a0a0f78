import { assignBuildings, type IndexedArea } from "./buildings";
import { checkCodes, checkSizes } from "./attributes";
import { flattenArea, pointInFlatArea, recycleFlatStorage, type FlatArea } from "./flat-geometry";
import { checkPartition, type PartitionDefect } from "./partition";
import { resolveSettings } from "./settings";
import { measureParts } from "./shape";
import type { CheckSmallArea, CoverageInput, CoverageIssue, CoverageReport, CoverageSettings, IssueKind, Severity } from "./types";
import { checkGeometryValidity, type GeometryProblem } from "./validity";
import { checkAndFlattenArea } from "./checked-area";

const SEVERITY: Record<IssueKind, Severity> = {
  invalid_geometry: "error", gap: "error", overlap: "error", outside_district: "error",
  district_gap: "error", district_overlap: "error", outside_township: "error",
  multipart: "warning", sliver: "warning", unassigned_building: "error", ambiguous_building: "warning",
  too_small: "warning", too_large: "warning", no_buildings: "warning", duplicate_code: "error", bad_code: "error",
};

function make(kind: IssueKind, fields: Partial<CoverageIssue> & Pick<CoverageIssue, "district" | "smallAreas">): CoverageIssue {
  return { kind, severity: SEVERITY[kind], areaM2: 0, geometry: null, messageKey: kind, params: {}, ...fields };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Appends the validity issues of a geometry (`problems`, from `checkGeometryValidity`) to `issues`. */
function addValidityIssues(issues: CoverageIssue[], problems: GeometryProblem[], district: string | null, smallAreas: string[], level: string): number {
  for (const p of problems) {
    issues.push(make("invalid_geometry", {
      district, smallAreas,
      geometry: p.at ? { type: "Point", coordinates: p.at } : null,
      params: { rule: p.rule, place: `geometry.${p.place}`, level, code: smallAreas[0] ?? district ?? "" },
    }));
  }
  return problems.length;
}

function partitionIssues(defects: PartitionDefect[], kinds: Record<PartitionDefect["kind"], IssueKind>, district: string | null, level: "small_area" | "district"): CoverageIssue[] {
  return defects.map((d) =>
    make(kinds[d.kind], {
      district: level === "small_area" ? district : (d.codes[0] ?? null),
      smallAreas: level === "small_area" ? d.codes : [],
      ...(level === "district" ? { districts: d.codes } : {}),
      areaM2: round(d.areaM2),
      geometry: d.geometry,
      params: { district: district ?? "", codes: d.codes.join(", "), area: round(d.areaM2) },
    }),
  );
}

/** Appends the multipart and sliver issues of one small area to `issues`. */
function addShapeIssues(issues: CoverageIssue[], area: CheckSmallArea, flat: FlatArea, settings: CoverageSettings): void {
  const parts = measureParts(flat);
  const base = { district: area.district, smallAreas: [area.code] };
  if (parts.length > 1) {
    issues.push(make("multipart", { ...base, geometry: area.geometry, areaM2: round(parts.reduce((s, p) => s + p.areaM2, 0)), params: { code: area.code, parts: parts.length } }));
  }
  for (const part of parts) {
    if (part.meanWidthM < settings.sliverWidthM || part.areaM2 < settings.sliverAreaM2) {
      issues.push(make("sliver", { ...base, geometry: part.polygon(), areaM2: round(part.areaM2), params: { code: area.code, width: round(part.meanWidthM), area: round(part.areaM2) } }));
    }
  }
}

/**
 * Used by the CLI (`tessera check`), the app after every edit and the bench: every census check on a
 * township or county — codes, geometry validity, multipart and slivers, gaps/overlaps/outside per district,
 * the same for districts against the township, building assignment, and size. Pure and synchronous.
 */
export function checkCoverage(input: CoverageInput, settingsIn?: Partial<CoverageSettings>): CoverageReport {
  const started = performance.now();
  recycleFlatStorage();
  const settings = resolveSettings(settingsIn);
  const issues: CoverageIssue[] = checkCodes(input.districts, input.smallAreas);

  const districtFlat = new Map<string, FlatArea | null>();
  for (const d of input.districts) {
    const read = checkAndFlattenArea(d.geometry);
    addValidityIssues(issues, read.problems, d.code, [], "district");
    districtFlat.set(d.code, read.flat);
  }
  const container = input.container ? flattenArea(input.container) : null;
  if (input.container) addValidityIssues(issues, checkGeometryValidity(input.container), null, [], "township");

  const byDistrict = new Map<string, Array<{ area: CheckSmallArea; flat: FlatArea | null }>>();
  const indexed: IndexedArea[] = [];
  for (const a of input.smallAreas) {
    if (a.isVirtual && !a.geometry) continue;
    const read = checkAndFlattenArea(a.geometry);
    const invalid = addValidityIssues(issues, read.problems, a.district, [a.code], "small_area");
    const flat = read.flat;
    if (flat) {
      if (!invalid) addShapeIssues(issues, a, flat, settings);
      indexed.push({ key: `${a.district}${a.code}`, flat });
    }
    const members = byDistrict.get(a.district);
    if (members) members.push({ area: a, flat });
    else byDistrict.set(a.district, [{ area: a, flat }]);
  }

  for (const [code, members] of byDistrict) {
    if (!districtFlat.has(code)) continue; // unknown district: reported as bad_code
    const defects = checkPartition(districtFlat.get(code) ?? null, members.map((m) => ({ code: m.area.code, flat: m.flat })), settings);
    issues.push(...partitionIssues(defects, { gap: "gap", overlap: "overlap", outside: "outside_district" }, code, "small_area"));
  }

  if (input.districts.length > 1 || container) {
    const defects = checkPartition(container, input.districts.map((d) => ({ code: d.code, flat: districtFlat.get(d.code) ?? null })), settings);
    issues.push(...partitionIssues(defects, { gap: "district_gap", overlap: "district_overlap", outside: "outside_township" }, null, "district"));
  }

  if (input.buildings) {
    const assignment = assignBuildings(indexed, input.buildings, settings.boundaryToleranceM);
    const undivided = input.districts.filter((d) => !byDistrict.has(d.code)).map((d) => districtFlat.get(d.code)).filter((f): f is FlatArea => !!f);
    for (const u of assignment.unassigned) {
      // a building in a district not yet divided into small areas is not a defect yet
      if (undivided.some((f) => pointInFlatArea(u.at[0], u.at[1], f))) continue;
      issues.push(make("unassigned_building", { district: null, smallAreas: [], geometry: { type: "Point", coordinates: u.at }, params: { id: String(u.building.id) } }));
    }
    for (const a of assignment.ambiguous) {
      const codes = a.keys.map((k) => k.slice(-3));
      issues.push(make("ambiguous_building", { district: a.keys[0]?.slice(0, -3) ?? null, smallAreas: codes, geometry: { type: "Point", coordinates: a.at }, params: { id: String(a.building.id), codes: codes.join(", ") } }));
    }
    issues.push(...checkSizes(input.smallAreas, assignment.totals, settings));
  }

  const byKind: Partial<Record<IssueKind, number>> = {};
  for (const i of issues) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
  const errors = issues.filter((i) => i.severity === "error").length;
  return { summary: { issues: issues.length, errors, warnings: issues.length - errors, byKind, ms: performance.now() - started }, issues };
}

/**
 * Used after an edit: re-checks one district alone (its small areas and the buildings within its bbox),
 * without the township-level checks. Milliseconds.
 */
export function checkDistrict(input: CoverageInput, districtCode: string, settings?: Partial<CoverageSettings>): CoverageReport {
  const district = input.districts.find((d) => d.code === districtCode);
  const flat = district ? flattenArea(district.geometry) : null;
  const buildings = flat && input.buildings
    ? input.buildings.filter((b) => {
        const g = b.geometry;
        const [x, y] = g.type === "Point" ? g.coordinates : g.coordinates[0][0];
        return x >= flat.bbox[0] && x <= flat.bbox[2] && y >= flat.bbox[1] && y <= flat.bbox[3];
      })
    : undefined;
  return checkCoverage(
    { container: null, districts: district ? [district] : [], smallAreas: input.smallAreas.filter((a) => a.district === districtCode), buildings },
    settings,
  );
}
