import type { Position } from "geojson";

/**
 * The numbering rule of the census seed documents ("start at the north-west corner, go clockwise"), made
 * precise: an item's place is the compass bearing of its reference point (e.g. its centroid) seen from the
 * centre of the enclosing unit, measured clockwise starting from the north-west direction (bearing 315°).
 * Ties (same bearing) go nearest first. Longitudes are scaled by cos(latitude) so that angles are true on
 * the ground.
 */

/**
 * Used by numbering (small areas in a district, buildings in a small area): bearing in degrees [0, 360) of `p`
 * seen from `center`, 0 = north-west, 45 = north, 90 = north-east, 180 = south-east, 270 = south-west.
 */
export function bearingFromNorthWest(center: Position, p: Position): number {
  const dx = (p[0] - center[0]) * Math.cos((center[1] * Math.PI) / 180);
  const dy = p[1] - center[1];
  if (dx === 0 && dy === 0) return 0;
  const compass = (Math.atan2(dx, dy) * 180) / Math.PI; // 0 = north, clockwise, in (-180, 180]
  return (((compass + 45) % 360) + 360) % 360;
}

/**
 * Used to number small areas and buildings: returns a new array of the items sorted north-west first,
 * clockwise around `center` (see the rule above), ties nearest first.
 */
export function orderClockwiseFromNorthWest<T>(items: readonly T[], pointOf: (item: T) => Position, center: Position): T[] {
  const keyed = items.map((item) => {
    const p = pointOf(item);
    const dx = (p[0] - center[0]) * Math.cos((center[1] * Math.PI) / 180);
    const dy = p[1] - center[1];
    return { item, bearing: bearingFromNorthWest(center, p), dist: dx * dx + dy * dy };
  });
  keyed.sort((a, b) => a.bearing - b.bearing || a.dist - b.dist);
  return keyed.map((k) => k.item);
}
