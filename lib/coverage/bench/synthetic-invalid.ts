import type { IssueKind } from "@/lib/coverage/types";
import { offsetMetres } from "./local-metres";
import { inward } from "./synthetic-edge-defects";
import { addTruth, areaAt, areaBbox, edgePoints, grownBbox, indexOf, pickCell, type CountyModel, type EdgeRef } from "./synthetic-model";

/** What a checker may do next with an invalid area (skip or repair it) is not held against it there. */
const AFTERMATH: IssueKind[] = [
  "gap",
  "overlap",
  "sliver",
  "outside_district",
  "multipart",
  "unassigned_building",
  "ambiguous_building",
  "no_buildings",
  "too_small",
  "too_large",
];

/** The four edges of cell (i, j) with the side the cell is on. */
function cellEdges(i: number, j: number): [EdgeRef, 0 | 1][] {
  return [
    [{ dir: "h", i, j }, 1],
    [{ dir: "h", i, j: j + 1 }, 0],
    [{ dir: "v", i, j }, 1],
    [{ dir: "v", i: i + 1, j }, 0],
  ];
}

/**
 * Used by `generateSyntheticCounty` AFTER building placement is fixed: `count` small areas with invalid
 * geometry, cycling through a bow-tie (two ring segments crossing along one edge), an unclosed ring and a NaN
 * coordinate.
 */
export function injectInvalidGeometry(m: CountyModel, count: number): void {
  for (let q = 0; q < count; q++) {
    const cell = pickCell(m);
    const area = areaAt(m, ...cell);
    const ring = m.areas[area].polygons![0][0];
    const bbox = areaBbox(m, area);
    const [edge, side] = m.rnd.pick(cellEdges(...cell));
    const pts = edgePoints(m, edge);
    const k = m.rnd.int(1, pts.length - 3);
    const variant = (["bow-tie", "unclosed", "nan"] as const)[q % 3];
    if (variant === "bow-tie") {
      // a → b along the ring becomes a → b' → a' → b: a→b' and a'→b are the diagonals of a parallelogram
      let ia = indexOf(ring, pts[k]);
      let ib = indexOf(ring, pts[k + 1]);
      if (ib !== ia + 1) [ia, ib] = [ib, ia];
      if (ib !== ia + 1) throw new Error("bow-tie: edge points are not consecutive in the ring");
      const [dx, dy] = inward(edge, side, 15);
      const a = ring[ia];
      const b = ring[ib];
      const b2 = offsetMetres(m.lattice.frame, b, dx, dy);
      const a2 = offsetMetres(m.lattice.frame, a, dx, dy);
      ring.splice(ib, 0, b2, a2);
      m.exclusions.push(grownBbox(m, [a, b, a2, b2], 5));
    } else if (variant === "unclosed") {
      ring.pop();
    } else {
      const at = indexOf(ring, pts[k]);
      ring[at] = [Number.NaN, ring[at][1]];
    }
    addTruth(m, { kind: "invalid_geometry", variant, districts: [m.areas[area].district], areas: [area], areaM2: 0, bbox, tolerated: AFTERMATH });
  }
}
