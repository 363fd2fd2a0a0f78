/**
 * What an edit would do, without doing it: the Change is written exactly as `writeChange` writes it (same
 * rules, same derivations), the sizes of the small areas it puts are read, and the transaction is rolled
 * back. Used by the split preview ("the pieces would have 45 and 52 households") before the user saves.
 */
import type { Change } from "@/lib/edits/types";
import type { Db } from "./client";
import { writeChange, type WriteChangeOptions } from "./edit-mutations";
import { getSmallAreaDetail } from "./queries";

/** The size one small area would have after the edit. */
export interface PreviewedArea {
  /** the id in the Change (negative for a new small area) */
  id: number;
  code: string;
  households: number;
  persons: number;
  buildings: number;
  sizeClass: string;
}

class RollBack extends Error {}

/**
 * Used by the edit preview action: runs `writeChange` inside a transaction that is always rolled back and
 * returns the sizes of the small areas the Change puts. Refusals (`WriteRefused`) are thrown as by a write.
 */
export function previewChange(db: Db, change: Change, userId: number | null, options: WriteChangeOptions = {}): PreviewedArea[] {
  let areas: PreviewedArea[] = [];
  try {
    db.$client.transaction(() => {
      const written = writeChange(db, change, userId, options);
      const tempIdOf = new Map(Object.entries(written.idMap).map(([key, real]) => [real, Number(key.split("/")[1])]));
      areas = written.entities.flatMap((entity) => {
        if (entity.type !== "small_area") return [];
        const detail = getSmallAreaDetail(db, entity.id);
        if (!detail) return [];
        const { code, households, persons, buildings, sizeClass } = detail;
        return [{ id: tempIdOf.get(entity.id) ?? entity.id, code, households, persons, buildings, sizeClass }];
      });
      throw new RollBack();
    })();
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return areas;
}
