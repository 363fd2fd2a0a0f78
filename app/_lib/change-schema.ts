/**
 * The zod schema of a Change as it arrives at the server (server action or POST /api/edits): shapes and
 * limits only. Geometry rules (ranges, rings, self-intersection), versions, codes and coverage are checked by
 * the write (db/edit-mutations.ts), which names the place the same way.
 */
import { z } from "zod";
import { BUILDING_USES, HOUSING_UNIT_STATUSES, SMALL_AREA_STATUSES } from "@/lib/domain/types";
import { MAX_FILL_UNITS, MAX_FLOORS, MAX_NAME_LENGTH, MAX_NOTES_LENGTH, MAX_UNIT_NUMBER_LENGTH, MIN_FLOORS, MIN_UNIT_FLOOR } from "@/lib/edits/building-rules";
import { CHANGE_LABELS, EDITABLE_TYPES, type Change } from "@/lib/edits/types";

/**
 * Most puts of districts, small areas and buildings one Change may carry (a split or merge writes a handful;
 * an import goes another way).
 */
export const MAX_PUTS = 200;
/** Most deletes of districts, small areas and buildings one Change may carry. */
export const MAX_DELETES = 200;
/** Most housing-unit puts, and most housing-unit deletes, one Change may carry besides (a quick entry of 2,000 units, a building deleted with them). */
export const MAX_HOUSING_UNIT_PUTS = MAX_FILL_UNITS;
/** Most positions all geometries of one Change may hold together. */
export const MAX_POSITIONS = 100_000;

const id = z.number().int().refine((n) => n !== 0, "id must not be 0");
const version = z.number().int().min(0);
const position = z.tuple([z.number(), z.number()]);
const ring = z.array(position);
const polygon = z.object({ type: z.literal("Polygon"), coordinates: z.array(ring).min(1) });
const multiPolygon = z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(ring).min(1)).min(1) });
const areaGeometry = z.discriminatedUnion("type", [polygon, multiPolygon]);
const optionalText = (max: number) => z.string().max(max).nullable();

const district = z.object({
  type: z.literal("district"),
  id,
  version,
  townshipId: z.number().int().positive(),
  code: z.string().max(20),
  nameZh: z.string().max(100),
  nameEn: z.string().max(100),
  kind: z.enum(["community", "village"]),
  geometry: areaGeometry,
});

const smallArea = z.object({
  type: z.literal("small_area"),
  id,
  version,
  districtId: id,
  code: z.string().max(10),
  name: optionalText(100),
  isVirtual: z.boolean(),
  geometry: areaGeometry.nullable(),
  status: z.enum(SMALL_AREA_STATUSES),
  notes: optionalText(2000),
});

const point = z.object({ type: z.literal("Point"), coordinates: position });
const count = z.number().int().min(0);

const building = z.object({
  type: z.literal("building"),
  id,
  version,
  districtId: id.nullable(),
  smallAreaId: id.nullable(),
  number: z.number().int().positive().nullable(),
  use: z.enum(BUILDING_USES),
  name: optionalText(MAX_NAME_LENGTH),
  nameEn: optionalText(MAX_NAME_LENGTH),
  floors: z.number().int().min(MIN_FLOORS).max(MAX_FLOORS),
  notes: optionalText(MAX_NOTES_LENGTH),
  geometry: z.discriminatedUnion("type", [point, polygon]),
});

const housingUnit = z.object({
  type: z.literal("housing_unit"),
  id,
  version,
  buildingId: id,
  smallAreaId: id.nullable(),
  unitNumber: z.string().min(1).max(MAX_UNIT_NUMBER_LENGTH),
  floor: z.number().int().min(MIN_UNIT_FLOOR).max(MAX_FLOORS).nullable(),
  entrance: optionalText(MAX_UNIT_NUMBER_LENGTH),
  status: z.enum(HOUSING_UNIT_STATUSES),
  households: count,
  persons: count,
});

const put = z.object({ entity: z.discriminatedUnion("type", [district, smallArea, building, housingUnit]), baseVersion: version.nullable() });
const del = z.object({ type: z.enum(EDITABLE_TYPES), id: z.number().int().positive(), baseVersion: version });

function countPositions(geometry: z.infer<typeof areaGeometry> | z.infer<typeof point> | null | undefined): number {
  if (!geometry) return 0;
  if (geometry.type === "Point") return 1;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((sum, rings) => sum + rings.reduce((s, r) => s + r.length, 0), 0);
}

/** Housing units come by the thousand (quick entry, a building deleted with its units); everything else by the hundred. */
function checkCounts(items: ReadonlyArray<{ isUnit: boolean }>, path: "puts" | "deletes", max: number, ctx: z.RefinementCtx): void {
  const units = items.filter((item) => item.isUnit).length;
  if (units > MAX_HOUSING_UNIT_PUTS) ctx.addIssue({ code: "custom", path: [path], message: `more than ${MAX_HOUSING_UNIT_PUTS} housing units` });
  if (items.length - units > max) ctx.addIssue({ code: "custom", path: [path], message: `more than ${max} entities besides housing units` });
}

/** Used by `parseChange`: the whole Change, its counts and position budget checked once every shape is known. */
export const changeSchema = z
  .object({
    label: z.enum(CHANGE_LABELS),
    puts: z.array(put).max(MAX_PUTS + MAX_HOUSING_UNIT_PUTS),
    deletes: z.array(del).max(MAX_DELETES + MAX_HOUSING_UNIT_PUTS),
  })
  .superRefine((change, ctx) => {
    checkCounts(change.puts.map((p) => ({ isUnit: p.entity.type === "housing_unit" })), "puts", MAX_PUTS, ctx);
    checkCounts(change.deletes.map((d) => ({ isUnit: d.type === "housing_unit" })), "deletes", MAX_DELETES, ctx);
    const positions = change.puts.reduce((sum, p) => sum + countPositions("geometry" in p.entity ? p.entity.geometry : undefined), 0);
    if (positions > MAX_POSITIONS) ctx.addIssue({ code: "custom", path: ["puts"], message: `more than ${MAX_POSITIONS} positions (${positions})` });
  });

/** A path as refusals name places: `puts[0].entity.geometry.coordinates[0][3]`. */
export function formatPlace(path: readonly PropertyKey[]): string {
  const place = path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
  return place || "change";
}

/**
 * Used by the edit server action and POST /api/edits before the write: the Change, or the first rule the
 * input breaks, with its place and zod's message.
 */
export function parseChange(input: unknown): { ok: true; change: Change } | { ok: false; place: string; message: string } {
  const parsed = changeSchema.safeParse(input);
  if (parsed.success) return { ok: true, change: parsed.data };
  const [issue] = parsed.error.issues;
  return { ok: false, place: formatPlace(issue.path), message: issue.message };
}
