import { mergePolygons } from "@/lib/geo/merge-polygons";
import { polygonsOf } from "@/lib/geo/rings";
import { findSmallArea } from "../snapshot";
import { refuse, type OpResult } from "../refusals";
import type { Change, EditSnapshot, SmallAreaEntity } from "../types";
import { deleteOf, putUpdate } from "./entity-changes";

/** The small areas named, each once, or the id of the first one missing. */
function findAll(snapshot: EditSnapshot, ids: readonly number[]): SmallAreaEntity[] | number {
  const areas: SmallAreaEntity[] = [];
  for (const id of new Set(ids)) {
    const area = findSmallArea(snapshot, id);
    if (!area) return id;
    areas.push(area);
  }
  return areas;
}

/**
 * Used when the user selects two or more adjacent small areas of one district and merges them: the one with
 * the lowest code keeps its id, code, name and status and gets the merged polygon (built by segment
 * cancellation, so every vertex neighbours share stays); the others are deleted. Refused: fewer than two
 * (`merge_needs_two`), one missing (`not_found`), from several districts (`merge_different_districts`), not
 * one piece joined by shared edges, or virtual (`merge_not_adjacent`).
 */
export function mergeSmallAreas(snapshot: EditSnapshot, input: { ids: number[] }): OpResult<Change> {
  const found = findAll(snapshot, input.ids);
  if (typeof found === "number") return refuse("not_found", `small_area/${found}`);
  if (found.length < 2) return refuse("merge_needs_two", found[0] ? `small_area/${found[0].id}` : undefined);
  if (found.some((a) => a.districtId !== found[0].districtId)) return refuse("merge_different_districts", `district/${found[0].districtId}`);
  const areas = [...found].sort((a, b) => a.code.localeCompare(b.code));
  const virtual = areas.find((a) => !a.geometry);
  if (virtual) return refuse("merge_not_adjacent", `small_area/${virtual.id}`);
  const merged = mergePolygons(areas.flatMap((a) => (a.geometry ? polygonsOf(a.geometry) : [])));
  if (!merged.ok) return refuse(merged.reason, `small_area/${areas[0].id}`);
  const [keep, ...rest] = areas;
  return { ok: true, change: { label: "merge_small_areas", puts: [putUpdate(keep, { geometry: merged.polygon })], deletes: rest.map(deleteOf) } };
}
