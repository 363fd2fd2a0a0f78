import type { MultiPolygon, Polygon, Position } from "geojson";
import { bboxesIntersect, type Bbox } from "@/lib/geo/bbox";
import { labelPoint } from "@/lib/geo/label-point";
import { pointSegmentDistance } from "@/lib/geo/planar-distance";
import { ringAreaM2 } from "@/lib/geo/ring-area";
import { pointInFlatArea, type FlatArea } from "./flat-geometry";
import { traceFaces, type Face } from "@/lib/geo/trace-faces";
import { repairLeftovers } from "./leftover-linework";
import { balanceSegments } from "./segment-balance";

/** A part of a partition: a small area in its district, or a district in its township. */
export interface PartitionPart {
  code: string;
  flat: FlatArea | null;
}

/** A connected defect region found by the partition check. */
export interface PartitionDefect {
  kind: "gap" | "overlap" | "outside";
  /** codes of the parts involved: around a gap, covering an overlap, sticking out */
  codes: string[];
  areaM2: number;
  geometry: Polygon | MultiPolygon;
}

/** Whether (x, y) lies within `tol` (degrees) of an edge of the area: which parts border a gap. */
function nearFlatBoundary(x: number, y: number, area: FlatArea, tol: number): boolean {
  for (const ring of area.rings) {
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      if (pointSegmentDistance([x, y], [ring[j], ring[j + 1]], [ring[i], ring[i + 1]]) <= tol) return true;
    }
  }
  return false;
}

/**
 * Used once per district (small areas vs the district) and once per township (districts vs the township):
 * finds every gap, overlap and part sticking outside, as connected regions with their area in m². Exact
 * partitions cost one pass of segment cancellation; only leftovers are repaired, noded, traced into faces
 * and classified by a point-in-polygon count at one interior point per face. With no container, gaps are
 * not defined and only overlaps are reported.
 */
export function checkPartition(container: FlatArea | null, parts: readonly PartitionPart[], settings: { snapDegrees: number; minDefectAreaM2: number }): PartitionDefect[] {
  const tol = settings.snapDegrees * 4;
  const leftovers = balanceSegments(parts.map((p) => p.flat), container, settings.snapDegrees);
  if (!leftovers.from.length) return [];
  const work = repairLeftovers(leftovers, tol);
  if (!work.from.length) return [];
  const faces = traceFaces(work);
  const { xs, ys } = work.table;

  const classified = faces.map((face: Face) => {
    const ring: Position[] = face.vertices.map((v) => [xs[v], ys[v]]);
    ring.push(ring[0]);
    const polygon: Polygon = { type: "Polygon", coordinates: [ring] };
    const [px, py] = labelPoint(polygon);
    const inContainer = container ? pointInFlatArea(px, py, container) : false;
    const covering = parts.filter((p) => p.flat && pointInFlatArea(px, py, p.flat)).map((p) => p.code);
    let kind: PartitionDefect["kind"] | null = null;
    let codes = covering;
    if (covering.length >= 2) kind = "overlap";
    else if (covering.length === 1 && container && !inContainer) kind = "outside";
    else if (covering.length === 0 && inContainer) {
      kind = "gap";
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const [x, y] of ring) {
        minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      }
      const box: Bbox = [minX - tol, minY - tol, maxX + tol, maxY + tol];
      codes = parts
        .filter((p) => p.flat && bboxesIntersect(p.flat.bbox, box) && ring.some(([x, y]) => nearFlatBoundary(x, y, p.flat!, tol)))
        .map((p) => p.code);
    }
    return { kind, codes: [...new Set(codes)].sort(), polygon, areaM2: Math.abs(ringAreaM2(ring)) };
  });

  // merge neighbouring faces of the same kind and parts into one connected region
  const parent = classified.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  faces.forEach((face, i) => {
    for (const j of face.neighbours) {
      if (j < 0 || !classified[i].kind || classified[i].kind !== classified[j].kind) continue;
      if (classified[i].codes.join() !== classified[j].codes.join()) continue;
      parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, number[]>();
  classified.forEach((c, i) => {
    if (!c.kind) return;
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  const defects: PartitionDefect[] = [];
  for (const members of groups.values()) {
    const first = classified[members[0]];
    const areaM2 = members.reduce((s, i) => s + classified[i].areaM2, 0);
    if (areaM2 < settings.minDefectAreaM2) continue;
    const geometry: Polygon | MultiPolygon =
      members.length === 1 ? first.polygon : { type: "MultiPolygon", coordinates: members.map((i) => classified[i].polygon.coordinates) };
    defects.push({ kind: first.kind!, codes: first.codes, areaM2, geometry });
  }
  return defects.sort((a, b) => b.areaM2 - a.areaM2);
}
