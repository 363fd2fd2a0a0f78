import type { MultiPolygon, Polygon } from "geojson";
import { isDistrictCode } from "@/lib/domain/codes";
import { bboxesIntersect, bboxOfGeometry } from "@/lib/geo/bbox";
import { CLIP_SNAP_DEGREES, clipToArea, largestPolygon, subtractAreas } from "@/lib/geo/clip-polygon";
import { verticesOf } from "@/lib/geo/rings";
import { refuse, type OpResult } from "../refusals";
import type { Change, DistrictEntity, DrawnPolygon, EditSnapshot } from "../types";
import { checkDrawnPolygon } from "./drawn-shapes";
import { clipSafely, isRefusal, putCreate, putsForNewVertices, temporaryIds, withNeighbourVertices } from "./entity-changes";

/** What the user enters for a new district besides its outline. */
export interface DrawDistrictInput {
  townshipId: number;
  polygon: DrawnPolygon;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: DistrictEntity["kind"];
  /** the township's outline: the new district is clipped to it (districts tile their township) */
  township?: Polygon | MultiPolygon | null;
}

/** The areas of `others` whose bbox meets the polygon's: the only ones clipping can change anything for. */
function overlapping(polygon: Polygon, others: ReadonlyArray<Polygon | MultiPolygon>): Array<Polygon | MultiPolygon> {
  const box = bboxOfGeometry(polygon);
  return others.filter((g) => bboxesIntersect(box, bboxOfGeometry(g)));
}

/**
 * Used when the user draws a new district: refuses a bad code (`bad_code`: not 12 digits; `code_taken`) or a
 * bad outline (`self_intersection`, `too_few_vertices`, `invalid_coordinates`), then takes away the ground of
 * the districts already in the snapshot ("avoid overlap"; `no_free_ground` when nothing is left). When that
 * leaves several parts, the largest is kept (the others are fragments of an outline drawn over a
 * neighbour). With the township's outline, the drawing is first clipped to it (`outside_district` when it
 * misses the township), and the township's vertices on the new edges are taken too. The new district (temporary id) shares vertices bit-for-bit with the neighbours it touches:
 * their vertices on its edges become its vertices, and its new vertices on their edges become theirs.
 */
export function drawDistrict(snapshot: EditSnapshot, input: DrawDistrictInput): OpResult<Change> {
  const code = input.code?.trim() ?? "";
  if (!isDistrictCode(code)) return refuse("bad_code", "code");
  if (snapshot.districts.some((d) => d.code === code)) return refuse("code_taken", "code");
  const nameZh = input.nameZh?.trim() ?? "";
  if (!nameZh) return refuse("invalid", "nameZh");
  const drawn = checkDrawnPolygon(input.polygon);
  if (isRefusal(drawn)) return drawn;
  const inside = input.township ? clipSafely(() => clipToArea(drawn, input.township!), "polygon") : drawn;
  if (inside && isRefusal(inside)) return inside;
  if (!inside) return refuse("outside_district", "polygon");
  const candidate = largestPolygon(inside);
  const free = clipSafely(() => subtractAreas(candidate, overlapping(candidate, snapshot.districts.map((d) => d.geometry))), "polygon");
  if (free && isRefusal(free)) return free;
  if (!free) return refuse("no_free_ground", "polygon");
  const geometry = withNeighbourVertices(snapshot, largestPolygon(free), CLIP_SNAP_DEGREES, input.township);
  const [id] = temporaryIds(snapshot, 1);
  const district: DistrictEntity = {
    type: "district", id, version: 0, townshipId: input.townshipId, code, nameZh, nameEn: input.nameEn?.trim() ?? "", kind: input.kind, geometry,
  };
  const puts = [putCreate(district), ...putsForNewVertices(snapshot, verticesOf(geometry), CLIP_SNAP_DEGREES)];
  return { ok: true, change: { label: "draw_district", puts, deletes: [] } };
}
