"use server";

/**
 * Server actions of the imagery settings page and the map's offset nudge (issue #8): add, edit, delete, make
 * default, move. Each starts with `guardAction("manage_imagery")` (an admin's: the sources and their offset
 * are shared by everyone), checks its input, and leaves the rules, the version check and the audit row to
 * `db/imagery-sources.ts`; refusals name the rule and the field (`imagery.rules.<rule>`).
 */
import { z } from "zod";
import { databasePath, getDb } from "@/db/client";
import { createImagerySource, deleteImagerySource, setDefaultImagerySource, setImageryOffset, updateImagerySource, type ImagerySourceRow } from "@/db/imagery-sources";
import { pmtilesInfo } from "@/db/imagery/pmtiles";
import { ImageryRefused, type ImageryInput, type ImageryKind } from "@/db/imagery/validate";
import { resolveImageryLocation } from "@/db/seed/imagery-location";
import { guardAction, type Refused } from "@/app/_lib/guard";
import { requestIp } from "@/app/_lib/session";

/** The answer of every action here: the source as it now is (null after a delete), or a refusal. */
export type ImageryActionResult =
  | { ok: true; source: ImagerySourceRow | null }
  | Refused
  | { ok: false; status: 404 | 409 | 422; reason: string; place: string; message: string; params: Record<string, string | number> };

const id = z.number({ error: "a whole number" }).int("a whole number").positive("a whole number");
const settings = z.object({
  name: z.string({ error: "text" }).max(200, "at most 200 characters"),
  kind: z.string({ error: "text" }).max(20, "at most 20 characters"),
  location: z.string({ error: "text" }).max(4000, "at most 4000 characters"),
  attribution: z.string({ error: "text" }).max(1000, "at most 1000 characters").nullable().optional(),
  minZoom: z.number({ error: "a whole number" }),
  maxZoom: z.number({ error: "a whole number" }),
  keyEnv: z.string({ error: "text" }).max(100, "at most 100 characters").nullable().optional(),
});
const versioned = z.object({ id, version: id });
const editInput = versioned.extend({ settings });
const offsetInput = versioned.extend({ offsetX: z.number({ error: "a number of metres" }), offsetY: z.number({ error: "a number of metres" }) });

const STATUS: Record<string, 404 | 409> = { no_such_source: 404, stale_version: 409 };

function invalid(error: z.ZodError): ImageryActionResult {
  const [issue] = error.issues;
  return { ok: false, status: 422, reason: "invalid", place: issue.path.join(".") || "input", message: issue.message, params: {} };
}

function toInput(s: z.infer<typeof settings>): ImageryInput {
  return { ...s, kind: s.kind as ImageryKind, attribution: s.attribution ?? null, keyEnv: s.keyEnv ?? null };
}

/** A PMTiles location must open as a raster archive before it is stored. */
async function checkPmtiles(input: ImageryInput): Promise<[number, number, number, number] | null> {
  if (input.kind !== "pmtiles" || !input.location.trim()) return null;
  const location = input.location.trim();
  try {
    const info = await pmtilesInfo(/^https?:\/\//i.test(location) ? location : resolveImageryLocation(databasePath(), location));
    return info.bounds;
  } catch (error) {
    throw new ImageryRefused("pmtiles_unreadable", "location", { reason: error instanceof Error ? error.message.slice(0, 160) : "unknown" });
  }
}

type By = { actor: { id: number; username: string; role: string }; ip: string | null };

/** The guard first (401/403), then the input's shape (422 naming the field), then the work and its refusals. */
async function run<T>(schema: z.ZodType<T>, input: unknown, work: (value: T, by: By) => Promise<ImagerySourceRow | null>): Promise<ImageryActionResult> {
  const guard = await guardAction("manage_imagery");
  if (!guard.ok) return guard;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    return { ok: true, source: await work(parsed.data, { actor: guard.user, ip: await requestIp() }) };
  } catch (error) {
    if (!(error instanceof ImageryRefused)) throw error;
    return { ok: false, status: STATUS[error.rule] ?? 422, reason: error.rule, place: error.field, message: error.message, params: error.params };
  }
}

/** Adds a URL-template or PMTiles source (files are uploaded through POST /api/imagery/upload). */
export async function addImagerySource(input: unknown): Promise<ImageryActionResult> {
  return run(settings, input, async (s, by) => {
    const value = toInput(s);
    if (value.kind === "mbtiles" || value.kind === "cog") throw new ImageryRefused("upload_kind", "kind");
    const bounds = await checkPmtiles(value);
    return createImagerySource(getDb(), by, value, { bounds });
  });
}

/** Changes a source's settings, as of the version the page showed. */
export async function editImagerySource(input: unknown): Promise<ImageryActionResult> {
  return run(editInput, input, async ({ id: sourceId, version, settings: s }, by) => {
    await checkPmtiles(toInput(s));
    return updateImagerySource(getDb(), by, sourceId, version, toInput(s));
  });
}

/** Deletes a source, and its uploaded file when no other source uses it. */
export async function removeImagerySource(input: unknown): Promise<ImageryActionResult> {
  return run(versioned, input, async ({ id: sourceId, version }, by) => {
    deleteImagerySource(getDb(), by, sourceId, version);
    return null;
  });
}

/** Makes a source the one the map shows first. */
export async function makeDefaultImagerySource(input: unknown): Promise<ImageryActionResult> {
  return run(versioned, input, async ({ id: sourceId, version }, by) => setDefaultImagerySource(getDb(), by, sourceId, version));
}

/** Stores a source's offset (metres east and north), from the map's nudge buttons. */
export async function saveImageryOffset(input: unknown): Promise<ImageryActionResult> {
  return run(offsetInput, input, async ({ id: sourceId, version, offsetX, offsetY }, by) => setImageryOffset(getDb(), by, sourceId, version, offsetX, offsetY));
}
