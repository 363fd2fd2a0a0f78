import type { MultiPolygon, Point, Polygon, Position } from "geojson";
import { numberingFrame, orderAreasOnGround, orderBuildingsOnGround, type GroundPoint, type GroundSegment, type NumberingFrame } from "@/lib/domain/numbering";
import { labelPoint } from "./label-point";
import { metresPerDegree } from "./metres-per-degree";
import { ringAreaM2 } from "./ring-area";
import { ringCentroid } from "./ring-centroid";

/**
 * The numbering rule (lib/domain/numbering.ts, "start at the north-west corner, go clockwise") on GeoJSON in
 * lon/lat: positions are projected onto the ground in metres around the parent's label point (equirectangular,
 * exact enough over a district), and the rule orders the items there.
 */

type Area = Polygon | MultiPolygon;
type Project = (p: Position) => GroundPoint;

function projection(origin: Position): Project {
  const [kx, ky] = metresPerDegree(origin[1]);
  return (p) => [(p[0] - origin[0]) * kx, (p[1] - origin[1]) * ky];
}

const ringsOf = (area: Area): Position[][] => (area.type === "Polygon" ? area.coordinates : area.coordinates.flat());

function segmentsOf(rings: readonly Position[][], project: Project): GroundSegment[] {
  const out: GroundSegment[] = [];
  for (const ring of rings) {
    const ground = ring.map(project);
    for (let i = 0; i + 1 < ground.length; i++) out.push([ground[i], ground[i + 1]]);
  }
  return out;
}

/** The frame of a parent with territory: the hand on its label point, its outline from every ring. */
function frameOfArea(parent: Area): { frame: NumberingFrame; project: Project } {
  const centre = labelPoint(parent);
  const project = projection(centre);
  return { frame: numberingFrame(project(centre), segmentsOf(ringsOf(parent), project)), project };
}

/** The point a building is numbered (and assigned) by: a Point as is, a footprint by its area centroid. */
function referencePoint(building: Point | Polygon): Position {
  return building.type === "Point" ? building.coordinates : ringCentroid(building.coordinates[0]);
}

/** The frame of a parent without territory (a virtual small area): its buildings' bounding box stands in for it. */
function frameOfPoints(points: readonly Position[]): { frame: NumberingFrame; project: Project } {
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  const [w, s, e, n] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  const centre: Position = [(w + e) / 2, (s + n) / 2];
  const project = projection(centre);
  const box = [[w, s], [e, s], [e, n], [w, n], [w, s]];
  return { frame: numberingFrame(project(centre), segmentsOf([box], project)), project };
}

/**
 * The frame of a district known only through its small areas: the hand on their joint area centroid, and
 * every edge as outline (the point nearest the north-west corner of the bounding box lies on the outer ones).
 */
function frameOfUnion(areas: readonly Area[]): { frame: NumberingFrame; project: Project } {
  let weight = 0, x = 0, y = 0;
  for (const area of areas) {
    for (const polygon of area.type === "Polygon" ? [area.coordinates] : area.coordinates) {
      polygon.forEach((ring, r) => {
        const a = Math.abs(ringAreaM2(ring)) * (r === 0 ? 1 : -1);
        const [cx, cy] = ringCentroid(ring);
        [weight, x, y] = [weight + a, x + a * cx, y + a * cy];
      });
    }
  }
  const rings = areas.flatMap(ringsOf);
  const centre: Position = weight > 0 ? [x / weight, y / weight] : ringCentroid(rings.flat());
  const project = projection(centre);
  return { frame: numberingFrame(project(centre), segmentsOf(rings, project)), project };
}

/**
 * Used to draw the rule (docs/numbering.svg, and any panel that shows it): where the clock hand of a parent
 * pivots (its label point) and where it points at the start (its north-west corner), in lon/lat.
 */
export function numberingHand(parent: Area): { centre: Position; start: Position } {
  const centre = labelPoint(parent);
  const { frame } = frameOfArea(parent);
  const [kx, ky] = metresPerDegree(centre[1]);
  return { centre, start: [centre[0] + frame.start[0] / kx, centre[1] + frame.start[1] / ky] };
}

/**
 * Used wherever small areas get their codes (the seed, splitting a district, `tessera number`, renumbering a
 * district): the items in the numbering rule's order — the small area at the district's north-west corner
 * first, then clockwise round the district's outline, then the inner rings. Without the district's geometry
 * (null), the small areas together stand for it.
 */
export function orderSmallAreasClockwise<T>(district: Area | null, items: readonly T[], geometryOf: (item: T) => Area): T[] {
  if (!items.length) return [];
  const { frame, project } = district ? frameOfArea(district) : frameOfUnion(items.map(geometryOf));
  return orderAreasOnGround(frame, items, (item) => {
    const geometry = geometryOf(item);
    return { point: project(labelPoint(geometry)), rings: ringsOf(geometry).map((ring) => ring.map(project)) };
  });
}

/**
 * Used wherever buildings get their numbers (the seed, `tessera number`, renumbering a district): the buildings
 * of one small area in the numbering rule's order — north-west first, clockwise, outer ring before inner. A
 * virtual small area (null geometry) is stood in for by its buildings' bounding box.
 */
export function orderBuildingsClockwise<T>(smallArea: Area | null, items: readonly T[], geometryOf: (item: T) => Point | Polygon): T[] {
  if (!items.length) return [];
  const { frame, project } = smallArea ? frameOfArea(smallArea) : frameOfPoints(items.map((item) => referencePoint(geometryOf(item))));
  return orderBuildingsOnGround(frame, items, (item) => {
    const geometry = geometryOf(item);
    const rings = geometry.type === "Polygon" ? [geometry.coordinates[0].map(project)] : [];
    return { point: project(referencePoint(geometry)), rings };
  });
}
