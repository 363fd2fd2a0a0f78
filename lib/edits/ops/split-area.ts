import type { Polygon, Position } from "geojson";
import { nextFreeSmallAreaCode } from "@/lib/domain/codes";
import { orderSmallAreasClockwise } from "@/lib/geo/clockwise-order";
import { NODE_TOLERANCE } from "@/lib/geo/node-points";
import { polygonAreaM2 } from "@/lib/geo/ring-area";
import { splitPolygonByLine } from "@/lib/geo/split-polygon";
import { findDistrict, findSmallArea } from "../snapshot";
import { refuse, type OpResult, type Refusal } from "../refusals";
import type { Change, CutLine, DistrictEntity, EditSnapshot } from "../types";
import { checkCutLine } from "./drawn-shapes";
import { hasTerritorialSmallAreas, isRefusal, newSmallArea, putCreate, putsForNewVertices, putUpdate, singlePolygon, takenCodes, temporaryIds } from "./entity-changes";

/** The ends of the cut: the only new vertices a split puts on boundaries that neighbours may share. */
const cutEnds = (cut: Position[]) => [cut[0], cut[cut.length - 1]];

/** Splits one polygon along the user's line, or says why not (placed on `place`). */
function split(polygon: Polygon, line: CutLine, place: string): { pieces: [Polygon, Polygon]; cut: Position[] } | Refusal {
  const badLine = checkCutLine(line);
  if (badLine) return badLine;
  const result = splitPolygonByLine(polygon, line);
  return result.ok ? { pieces: result.pieces, cut: result.cut } : refuse(result.reason, place, result.at);
}

/**
 * Used when the user draws a line across a small area (along a road on the imagery): the small area keeps
 * its id, code, name and status with the larger piece; a new draft small area (temporary id, the next free
 * code of the district) gets the other. The cut's ends become vertices of every neighbour whose edge they lie
 * on (the district, the small area across the edge), so the partition is kept vertex for vertex.
 */
export function splitSmallArea(snapshot: EditSnapshot, input: { id: number; line: CutLine }): OpResult<Change> {
  const place = `small_area/${input.id}`;
  const area = findSmallArea(snapshot, input.id);
  if (!area) return refuse("not_found", place);
  const polygon = singlePolygon(area.geometry);
  if (!polygon) return refuse("invalid", `${place}.geometry`);
  const result = split(polygon, input.line, place);
  if (isRefusal(result)) return result;
  const code = nextFreeSmallAreaCode(takenCodes(snapshot, area.districtId), false);
  if (!code) return refuse("no_free_code", `district/${area.districtId}`);
  const [larger, smaller] = [...result.pieces].sort((a, b) => polygonAreaM2(b) - polygonAreaM2(a));
  const [newId] = temporaryIds(snapshot, 1);
  const neighbours = putsForNewVertices(snapshot, cutEnds(result.cut), NODE_TOLERANCE, new Set([`small_area/${area.id}`]));
  const puts = [putUpdate(area, { geometry: larger }), putCreate(newSmallArea(newId, area.districtId, code, smaller)), ...neighbours];
  return { ok: true, change: { label: "split_small_area", puts, deletes: [] } };
}

/** The district, when it may get its first small areas (it has none with territory yet). */
function undividedDistrict(snapshot: EditSnapshot, id: number): DistrictEntity | Refusal {
  const district = findDistrict(snapshot, id);
  if (!district) return refuse("not_found", `district/${id}`);
  if (hasTerritorialSmallAreas(snapshot, id)) return refuse("district_has_small_areas", `district/${id}`);
  return district;
}

/**
 * Used when the user draws a line across a district that has no small areas yet: two new draft small areas
 * (temporary ids, the two lowest free codes, numbered north-west first, clockwise) tile it exactly. The cut's
 * ends become vertices of the district and of its neighbours. A district with small areas is refused
 * (`district_has_small_areas`): split those instead.
 */
export function splitDistrict(snapshot: EditSnapshot, input: { id: number; line: CutLine }): OpResult<Change> {
  const district = undividedDistrict(snapshot, input.id);
  if (isRefusal(district)) return district;
  const polygon = singlePolygon(district.geometry);
  if (!polygon) return refuse("invalid", `district/${district.id}.geometry`);
  const result = split(polygon, input.line, `district/${district.id}`);
  if (isRefusal(result)) return result;
  const taken = takenCodes(snapshot, district.id);
  const first = nextFreeSmallAreaCode(taken, false);
  const second = first && nextFreeSmallAreaCode([...taken, first], false);
  if (!first || !second) return refuse("no_free_code", `district/${district.id}`);
  const ordered = orderSmallAreasClockwise(polygon, result.pieces, (piece) => piece);
  const ids = temporaryIds(snapshot, 2);
  const puts = [
    putCreate(newSmallArea(ids[0], district.id, first, ordered[0])),
    putCreate(newSmallArea(ids[1], district.id, second, ordered[1])),
    ...putsForNewVertices(snapshot, cutEnds(result.cut), NODE_TOLERANCE),
  ];
  return { ok: true, change: { label: "split_district", puts, deletes: [] } };
}

/**
 * Used when a district that has no small areas is to be worked by one enumerator: one new draft small area
 * (temporary id, the lowest free code) covering the whole district.
 */
export function makeDistrictOneSmallArea(snapshot: EditSnapshot, input: { id: number }): OpResult<Change> {
  const district = undividedDistrict(snapshot, input.id);
  if (isRefusal(district)) return district;
  const code = nextFreeSmallAreaCode(takenCodes(snapshot, district.id), false);
  if (!code) return refuse("no_free_code", `district/${district.id}`);
  const [id] = temporaryIds(snapshot, 1);
  return { ok: true, change: { label: "draw_small_area", puts: [putCreate(newSmallArea(id, district.id, code, district.geometry))], deletes: [] } };
}
