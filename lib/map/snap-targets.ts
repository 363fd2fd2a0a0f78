import type { Position } from "geojson";
import { snapPosition, type SnapTarget } from "@/lib/geo/snap";

/**
 * Used by the drawing adapter on each click and mouse move: the snapped position within `toleranceM`
 * metres (vertex first, then edge, as QGIS), or null when nothing is that near.
 */
export function snapToAreas(position: Position, targets: readonly SnapTarget[], toleranceM: number): [number, number] | null {
  const result = snapPosition(position, targets, { metres: toleranceM });
  return result.kind === "none" ? null : [result.position[0], result.position[1]];
}
