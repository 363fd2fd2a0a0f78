/**
 * The imagery sources as the settings page changes them (issue #8): add, edit, delete, make default, and the
 * offset nudge. Every change checks the version the page saw (a stale one is refused), writes one audit row
 * in the same transaction, and never stores a key: a source only names the environment variable holding it.
 */
import { rmSync } from "node:fs";
import type { Db } from "./client";
import { writeTransaction } from "./client";
import { closeCog } from "./imagery/cog";
import { closeMbtiles } from "./imagery/mbtiles";
import { UPLOAD_FOLDER } from "./imagery/upload";
import { resolveImageryLocation } from "./seed/imagery-location";
import { appendAudit, type AuditActor } from "./audit";
import { ImageryRefused, validateImageryInput, validateOffset, type ImageryInput, type ImageryKind } from "./imagery/validate";

/** One imagery source with everything the settings page and the map need (never a key). */
export interface ImagerySourceRow extends ImageryInput {
  id: number;
  isDefault: boolean;
  offsetX: number;
  offsetY: number;
  bounds: [number, number, number, number] | null;
  version: number;
  updatedAt: string;
}

interface Raw {
  id: number;
  name: string;
  kind: ImageryKind;
  location: string;
  attribution: string | null;
  min_zoom: number;
  max_zoom: number;
  key_env: string | null;
  is_default: number;
  offset_x: number;
  offset_y: number;
  bounds: string | null;
  version: number;
  updated_at: string;
}

const COLUMNS = "id, name, kind, location, attribution, min_zoom, max_zoom, key_env, is_default, offset_x, offset_y, bounds, version, updated_at";

function toRow(r: Raw): ImagerySourceRow {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    location: r.location,
    attribution: r.attribution,
    minZoom: r.min_zoom,
    maxZoom: r.max_zoom,
    keyEnv: r.key_env,
    isDefault: r.is_default === 1,
    offsetX: r.offset_x,
    offsetY: r.offset_y,
    bounds: r.bounds ? (JSON.parse(r.bounds) as [number, number, number, number]) : null,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** Used by the settings page, the map page (switcher) and the tile route: every source, the default first. */
export function listImagerySourceRows(db: Db): ImagerySourceRow[] {
  return (db.$client.prepare(`SELECT ${COLUMNS} FROM imagery_sources ORDER BY is_default DESC, id`).all() as Raw[]).map(toRow);
}

/** Used by the tile route and the changes below: one source by id, or null. */
export function getImagerySourceRow(db: Db, id: number): ImagerySourceRow | null {
  const raw = db.$client.prepare(`SELECT ${COLUMNS} FROM imagery_sources WHERE id = ?`).get(id) as Raw | undefined;
  return raw ? toRow(raw) : null;
}

/** Who changes, and from where (for the audit row). */
export interface ImageryChangeBy {
  actor: AuditActor;
  ip: string | null;
}

/** Extra columns a source may be created with (an upload knows its bounds; the first source is the default). */
export interface CreateExtras {
  bounds?: [number, number, number, number] | null;
  isDefault?: boolean;
}

function current(db: Db, id: number, baseVersion: number): ImagerySourceRow {
  const row = getImagerySourceRow(db, id);
  if (!row) throw new ImageryRefused("no_such_source", "id");
  if (row.version !== baseVersion) throw new ImageryRefused("stale_version", "version", { name: row.name });
  return row;
}

function bump(db: Db, id: number, sets: string, values: unknown[]): void {
  db.$client.prepare(`UPDATE imagery_sources SET ${sets}, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(...values, id);
}

function makeDefault(db: Db, id: number): void {
  db.$client.prepare("UPDATE imagery_sources SET is_default = 0, version = version + 1 WHERE is_default = 1 AND id <> ?").run(id);
  db.$client.prepare("UPDATE imagery_sources SET is_default = 1 WHERE id = ?").run(id);
}

/** Used by the settings page's add (and the upload route): checks `input`, inserts the source and its audit row. */
export function createImagerySource(db: Db, by: ImageryChangeBy, input: ImageryInput, extras: CreateExtras = {}): ImagerySourceRow {
  const value = validateImageryInput(input);
  return writeTransaction(db, () => {
    const first = (db.$client.prepare("SELECT COUNT(*) n FROM imagery_sources").get() as { n: number }).n === 0;
    const { lastInsertRowid } = db.$client
      .prepare("INSERT INTO imagery_sources (name, kind, location, attribution, min_zoom, max_zoom, key_env, bounds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(value.name, value.kind, value.location, value.attribution, value.minZoom, value.maxZoom, value.keyEnv, extras.bounds ? JSON.stringify(extras.bounds) : null);
    const id = Number(lastInsertRowid);
    if (first || extras.isDefault) makeDefault(db, id);
    appendAudit(db, { actor: by.actor, action: "imagery.create", targetType: "imagery_source", targetId: id, detail: `${value.name} (${value.kind})`, ip: by.ip });
    return getImagerySourceRow(db, id)!;
  });
}

/** Used by the settings page's edit: the source as of `baseVersion` gets `input` (a stale version is refused). */
export function updateImagerySource(db: Db, by: ImageryChangeBy, id: number, baseVersion: number, input: ImageryInput): ImagerySourceRow {
  return writeTransaction(db, () => {
    const before = current(db, id, baseVersion);
    // an uploaded file's kind and place are fixed; only its name, attribution and zooms change
    const uploaded = before.kind === "mbtiles" || before.kind === "cog";
    if (uploaded && input.kind !== before.kind) throw new ImageryRefused("kind_fixed", "kind");
    const value = validateImageryInput(uploaded ? { ...input, kind: before.kind, location: before.location } : input);
    if (!uploaded && (value.kind === "mbtiles" || value.kind === "cog")) throw new ImageryRefused("upload_kind", "kind");
    bump(db, id, "name = ?, kind = ?, location = ?, attribution = ?, min_zoom = ?, max_zoom = ?, key_env = ?", [value.name, value.kind, value.location, value.attribution, value.minZoom, value.maxZoom, value.keyEnv]);
    appendAudit(db, { actor: by.actor, action: "imagery.update", targetType: "imagery_source", targetId: id, detail: `${value.name} (${value.kind})`, ip: by.ip });
    return getImagerySourceRow(db, id)!;
  });
}

/**
 * Used by the settings page: deletes a source; the next one becomes default if needed. An uploaded file (in
 * the database folder's imagery/) is deleted with the last source using it.
 */
export function deleteImagerySource(db: Db, by: ImageryChangeBy, id: number, baseVersion: number): void {
  const removed = writeTransaction(db, () => {
    const before = current(db, id, baseVersion);
    db.$client.prepare("DELETE FROM imagery_sources WHERE id = ?").run(id);
    if (before.isDefault) {
      const next = db.$client.prepare("SELECT id FROM imagery_sources ORDER BY id LIMIT 1").get() as { id: number } | undefined;
      if (next) makeDefault(db, next.id);
    }
    appendAudit(db, { actor: by.actor, action: "imagery.delete", targetType: "imagery_source", targetId: id, detail: `${before.name} (${before.kind})`, ip: by.ip });
    return before;
  });
  removeUploadedFile(db, removed);
}

/**
 * After a delete has committed: removes the source's file when it is an upload — an MBTiles or GeoTIFF under
 * imagery/ next to the database — and no other source uses it. A file named elsewhere (a PMTiles path the
 * admin typed) is never touched, nor anything for an in-memory database.
 */
function removeUploadedFile(db: Db, source: ImagerySourceRow): void {
  if (source.kind !== "mbtiles" && source.kind !== "cog") return;
  if (db.$client.memory || !source.location.startsWith(`${UPLOAD_FOLDER}/`) || source.location.split(/[\\/]/).includes("..")) return;
  const users = db.$client.prepare("SELECT count(*) FROM imagery_sources WHERE location = ?").pluck().get(source.location) as number;
  if (users > 0) return;
  const file = resolveImageryLocation(db.$client.name, source.location);
  closeMbtiles(file);
  closeCog(file);
  rmSync(file, { force: true });
}

/** Used by the settings page: the source the map shows first. */
export function setDefaultImagerySource(db: Db, by: ImageryChangeBy, id: number, baseVersion: number): ImagerySourceRow {
  return writeTransaction(db, () => {
    const before = current(db, id, baseVersion);
    makeDefault(db, id);
    bump(db, id, "is_default = 1", []);
    appendAudit(db, { actor: by.actor, action: "imagery.default", targetType: "imagery_source", targetId: id, detail: before.name, ip: by.ip });
    return getImagerySourceRow(db, id)!;
  });
}

/** Used by the map's offset nudge: the source's imagery is moved `offsetX` m east and `offsetY` m north. */
export function setImageryOffset(db: Db, by: ImageryChangeBy, id: number, baseVersion: number, offsetX: number, offsetY: number): ImagerySourceRow {
  const x = validateOffset(offsetX, "offsetX");
  const y = validateOffset(offsetY, "offsetY");
  return writeTransaction(db, () => {
    const before = current(db, id, baseVersion);
    bump(db, id, "offset_x = ?, offset_y = ?", [x, y]);
    appendAudit(db, { actor: by.actor, action: "imagery.offset", targetType: "imagery_source", targetId: id, detail: `${before.name}: ${before.offsetX},${before.offsetY} → ${x},${y} m`, ip: by.ip });
    return getImagerySourceRow(db, id)!;
  });
}
