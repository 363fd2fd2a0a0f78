/**
 * Reads of the assign page (issue #6): the districts, small areas and townships the signed-in person may
 * assign, each with the people assigned to it, and the enabled people who can be assigned. Writes are in
 * `db/assignments.ts`.
 */
import { can } from "@/lib/domain/permissions";
import type { SmallAreaState } from "@/lib/domain/workflow";
import { loadAssignment, scopeOf, type Actor, type Assignment, type Place } from "./access";
import type { Db } from "./client";

/** A person assigned to a record, with the assignment's id (to remove it). */
export interface AssignedPerson {
  assignmentId: number;
  userId: number;
  username: string;
  displayName: string;
}

/** A district row of the assign page. */
export interface DistrictToAssign {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  townshipId: number;
  townshipCode: string;
  townshipNameZh: string;
  townshipNameEn: string;
  smallAreas: number;
  mappers: AssignedPerson[];
  guides: AssignedPerson[];
}

/** A small-area row of the assign page. */
export interface SmallAreaToAssign {
  id: number;
  code: string;
  /** district code + small-area code */
  fullCode: string;
  name: string | null;
  isVirtual: boolean;
  status: SmallAreaState;
  enumerators: AssignedPerson[];
}

/** A township row of the assign page. */
export interface TownshipToAssign {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  districts: number;
  offices: AssignedPerson[];
}

/** A person who can be given work. */
export interface AssignableUser {
  id: number;
  username: string;
  displayName: string;
  role: "mapper" | "guide" | "enumerator" | "office";
}

function mayAssign(actor: Actor, assignment: Assignment, place: Place): boolean {
  return can(actor.role, "assign", scopeOf(actor, assignment, place));
}

type PersonRow = AssignedPerson & { targetId: number; role: string };

/** People assigned per record id (and role), from the assignments whose `column` is set. */
function peopleBy(db: Db, column: "district_id" | "small_area_id" | "admin_unit_id"): Map<string, AssignedPerson[]> {
  const rows = db.$client
    .prepare(
      `SELECT a.id AS assignmentId, a.user_id AS userId, u.username, u.display_name AS displayName, a.${column} AS targetId, a.role
       FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.${column} IS NOT NULL ORDER BY u.display_name, u.username`,
    )
    .all() as PersonRow[];
  const map = new Map<string, AssignedPerson[]>();
  for (const { targetId, role, ...person } of rows) {
    const key = `${role}/${targetId}`;
    map.set(key, [...(map.get(key) ?? []), person]);
  }
  return map;
}

/** Used by the assign page: the districts `actor` may assign, by code, with their mappers, guides and number of small areas. */
export function listDistrictsToAssign(db: Db, actor: Actor): DistrictToAssign[] {
  const assignment = loadAssignment(db, actor.id);
  const rows = db.$client
    .prepare(
      `SELECT d.id, d.code, d.name_zh AS nameZh, d.name_en AS nameEn, d.township_id AS townshipId, t.code AS townshipCode,
              t.name_zh AS townshipNameZh, t.name_en AS townshipNameEn, (SELECT count(*) FROM small_areas sa WHERE sa.district_id = d.id) AS smallAreas
       FROM districts d JOIN admin_units t ON t.id = d.township_id ORDER BY d.code`,
    )
    .all() as Array<Omit<DistrictToAssign, "mappers" | "guides">>;
  const people = peopleBy(db, "district_id");
  return rows
    .filter((d) => mayAssign(actor, assignment, { townshipId: d.townshipId, districtId: d.id, smallAreaId: null }))
    .map((d) => ({ ...d, mappers: people.get(`mapper/${d.id}`) ?? [], guides: people.get(`guide/${d.id}`) ?? [] }));
}

/** Used by the assign page: the small areas of a district with their enumerators (empty when `actor` may not assign there). */
export function listSmallAreasToAssign(db: Db, actor: Actor, districtId: number): SmallAreaToAssign[] {
  const assignment = loadAssignment(db, actor.id);
  const rows = db.$client
    .prepare(
      `SELECT sa.id, sa.code, d.code || sa.code AS fullCode, sa.name, sa.is_virtual AS isVirtual, sa.status, d.township_id AS townshipId
       FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE sa.district_id = ? ORDER BY sa.code`,
    )
    .all(districtId) as Array<Omit<SmallAreaToAssign, "enumerators" | "isVirtual"> & { isVirtual: number; townshipId: number }>;
  const people = peopleBy(db, "small_area_id");
  return rows
    .filter((a) => mayAssign(actor, assignment, { townshipId: a.townshipId, districtId, smallAreaId: a.id }))
    .map((a) => ({ id: a.id, code: a.code, fullCode: a.fullCode, name: a.name, isVirtual: a.isVirtual === 1, status: a.status, enumerators: people.get(`enumerator/${a.id}`) ?? [] }));
}

/** Used by the assign page: the townships `actor` may assign, with their offices and number of districts. */
export function listTownshipsToAssign(db: Db, actor: Actor): TownshipToAssign[] {
  const assignment = loadAssignment(db, actor.id);
  const rows = db.$client
    .prepare(
      `SELECT t.id, t.code, t.name_zh AS nameZh, t.name_en AS nameEn, (SELECT count(*) FROM districts d WHERE d.township_id = t.id) AS districts
       FROM admin_units t WHERE t.level = 'township' ORDER BY t.code`,
    )
    .all() as Array<Omit<TownshipToAssign, "offices">>;
  const people = peopleBy(db, "admin_unit_id");
  return rows
    .filter((t) => mayAssign(actor, assignment, { townshipId: t.id, districtId: null, smallAreaId: null }))
    .map((t) => ({ ...t, offices: people.get(`office/${t.id}`) ?? [] }));
}

/** Used by the assign page's pickers: enabled mappers, guides, enumerators and office accounts, by role then name. */
export function listAssignableUsers(db: Db): AssignableUser[] {
  return db.$client
    .prepare(
      `SELECT id, username, display_name AS displayName, role FROM users
       WHERE disabled = 0 AND role IN ('mapper', 'guide', 'enumerator', 'office') ORDER BY role, display_name, username`,
    )
    .all() as AssignableUser[];
}
