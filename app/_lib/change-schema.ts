/**
 * The zod schema of a Change as it arrives at the server (server action or POST /api/edits): shapes and
 * limits only. Geometry rules (ranges, rings, self-intersection), versions, codes and coverage are checked by
 * the write (db/edit-mutations.ts), which names the place the same way.
 */
import { z } from "zod";
import { SMALL_AREA_STATUSES } from "@/lib/domain/types";
import { CHANGE_LABELS, EDITABLE_TYPES, type Change } from "@/lib/edits/types";

/** Most puts one Change may carry (a split or merge writes a handful; an import goes another way). */
export const MAX_PUTS = 200;
/** Most deletes one Change may carry. */
export const MAX_DELETES = 200;
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

const put = z.object({ entity: z.discriminatedUnion("type", [district, smallArea]), baseVersion: version.nullable() });
const del = z.object({ type: z.enum(EDITABLE_TYPES), id: z.number().int().positive(), baseVersion: version });

function countPositions(geometry: z.infer<typeof areaGeometry> | null): number {
  if (!geometry) return 0;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((sum, rings) => sum + rings.reduce((s, r) => s + r.length, 0), 0);
}

/** Used by `parseChange`: the whole Change, its position budget checked once every shape is known. */
export const changeSchema = z
  .object({ label: z.enum(CHANGE_LABELS), puts: z.array(put).max(MAX_PUTS), deletes: z.array(del).max(MAX_DELETES) })
  .superRefine((change, ctx) => {
    const positions = change.puts.reduce((sum, p) => sum + countPositions(p.entity.geometry), 0);
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
