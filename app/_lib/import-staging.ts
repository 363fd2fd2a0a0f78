/**
 * Files uploaded and read for an import (issue #8), kept in this server process between the preview
 * (POST /api/import/preview) and the commit (POST /api/import/commit), so that the file is uploaded and read
 * once. A Map on globalThis (a dev reload keeps it); ids are random and belong to the person who uploaded;
 * a file is dropped 30 minutes after its upload, after its commit, and when its owner has more than 2.
 */
import type { ReadResult } from "@/lib/io/formats/types";

/** How long an uploaded file is kept. */
export const STAGING_TTL_MS = 30 * 60 * 1000;
/** How many uploaded files one person keeps (the oldest go first). */
export const STAGED_PER_USER = 2;

/** One uploaded file, read. */
export interface StagedImport {
  id: string;
  userId: number;
  fileName: string;
  read: ReadResult;
  createdAt: number;
}

const holder = globalThis as typeof globalThis & { __tesseraImportStaging?: Map<string, StagedImport> };
const staged: Map<string, StagedImport> = (holder.__tesseraImportStaging ??= new Map());

/** Used on every access: drops files older than 30 minutes. */
export function pruneStagedImports(now = Date.now()): void {
  for (const s of staged.values()) if (now - s.createdAt > STAGING_TTL_MS) staged.delete(s.id);
}

/** Used by the preview route: keeps a read file for `userId` (dropping their oldest beyond 2) and returns it. */
export function stageImport(userId: number, fileName: string, read: ReadResult, now = Date.now()): StagedImport {
  pruneStagedImports(now);
  const mine = [...staged.values()].filter((s) => s.userId === userId).sort((a, b) => a.createdAt - b.createdAt);
  for (const old of mine.slice(0, Math.max(0, mine.length - STAGED_PER_USER + 1))) staged.delete(old.id);
  const entry: StagedImport = { id: crypto.randomUUID(), userId, fileName, read, createdAt: now };
  staged.set(entry.id, entry);
  return entry;
}

/** Used by the commit route: the file `id` if `userId` uploaded it and it is still kept, else null. */
export function stagedImportOf(id: unknown, userId: number, now = Date.now()): StagedImport | null {
  pruneStagedImports(now);
  const entry = typeof id === "string" ? staged.get(id) : undefined;
  return entry && entry.userId === userId ? entry : null;
}

/** Used by the commit route once a file is imported: forgets it. */
export function dropStagedImport(id: string): void {
  staged.delete(id);
}

/** Used by tests: forgets every file. */
export function clearStagedImports(): void {
  staged.clear();
}
