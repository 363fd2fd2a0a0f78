/**
 * The EXPECTED answers of the permission matrix, written from the role descriptions of issue #6 — not from
 * `lib/domain/permissions.ts`, which the test checks against them:
 * - admin: everything.
 * - office (county or township): review, approve, assign, print — reads everything, approves and returns
 *   (and hands out: release) small areas, assigns districts and small areas to people, prints, exports, sees
 *   the dashboard and downloads its daily report; reads the housing units it reviews; all of it only inside
 *   its township (a county office: everywhere); never draws.
 * - mapper: draws and tags in the assigned districts — small areas, buildings, units, the district's own
 *   outline and names; submits its small areas. Districts themselves are the office's structure (their
 *   codes are official): a mapper neither creates nor deletes one.
 * - guide: confirms or returns the small areas of the assigned districts; read-only geometry; reads the units
 *   there (the guide oversees the listing) and prints their sheets for the enumerators.
 * - enumerator: views and prints their own small area, and reads its units.
 * - auditor: reads everything (units, the audit log, the dashboard and its daily report included), changes
 *   nothing, takes no data out (no export of areas, no print).
 * - anonymous: nothing (401).
 * - imagery settings (issue #8: sources, default, offset): the admin's alone; every role reads the tiles.
 * Boundaries may be shared among the staff (every signed-in role reads geometry); units may not.
 */
import type { MatrixRole, Side } from "./permission-matrix-fixture";

/** The resources of the matrix. */
export const RECORD_TYPES = ["district", "small_area", "building", "housing_unit"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export const FUNCTIONS = ["export", "audit_log", "users", "dashboard", "daily_report", "imagery"] as const;
export type FunctionResource = (typeof FUNCTIONS)[number];

/** The actions of the matrix on records. */
export type RecordAction =
  | "read"
  | "create"
  | "edit_shape"
  | "edit_attributes"
  | "delete"
  | "read_units"
  | "submit"
  | "approve"
  | "return"
  | "confirm"
  | "release"
  | "print"
  | "export"
  | "assign";

/** The actions of the matrix on functions. */
export type FunctionAction = "read" | "create" | "edit" | "delete" | "export";

/** The answer of one cell. */
export type Answer = "allowed" | "refused" | "unauthenticated";

/** Which actions apply to which record type (a housing unit has no shape and no workflow of its own). */
export const RECORD_ACTIONS: Record<RecordType, readonly RecordAction[]> = {
  district: ["read", "create", "edit_shape", "edit_attributes", "delete", "read_units", "print", "export", "assign"],
  small_area: ["read", "create", "edit_shape", "edit_attributes", "delete", "read_units", "submit", "approve", "return", "confirm", "release", "print", "export", "assign"],
  building: ["read", "create", "edit_shape", "edit_attributes", "delete", "read_units"],
  housing_unit: ["read", "create", "edit_attributes", "delete"],
};

/** Which actions apply to which function. */
export const FUNCTION_ACTIONS: Record<FunctionResource, readonly FunctionAction[]> = {
  export: ["export"],
  audit_log: ["read"],
  users: ["read", "create", "edit", "delete"],
  imagery: ["read", "create", "edit", "delete"],
  dashboard: ["read"],
  daily_report: ["export"],
};

/**
 * Whether a record on `side` lies in the person's assignment as the issue defines it: W's records for the
 * mappers and guides of W and the office of W's township; E's for the office of E's township; only small
 * area W/001 and what is in it (not district W) for its enumerator; everything for an admin, an auditor and
 * the county office.
 */
function inAssignment(role: Exclude<MatrixRole, "anonymous">, type: RecordType, side: Side): boolean {
  switch (role) {
    case "admin":
    case "auditor":
    case "office-county":
      return true;
    case "office-township-inside":
    case "mapper":
    case "guide":
      return side === "inside";
    case "office-township-outside":
      return side === "outside";
    case "enumerator":
      return side === "inside" && type !== "district";
  }
}

const yes = (allowed: boolean): Answer => (allowed ? "allowed" : "refused");

/** Used by the matrix test: what the issue says `role` may do with `action` on a `type` record on `side`. */
export function expectedForRecord(role: MatrixRole, type: RecordType, side: Side, action: RecordAction): Answer {
  if (role === "anonymous") return "unauthenticated";
  if (role === "admin") return "allowed";
  if (action === "read") {
    // a unit is household data, not geometry
    if (type === "housing_unit") return expectedForRecord(role, "building", side, "read_units");
    return "allowed";
  }
  const inside = inAssignment(role, type, side);
  switch (role) {
    case "office-county":
    case "office-township-inside":
    case "office-township-outside":
      return yes(inside && ["read_units", "approve", "return", "release", "print", "export", "assign"].includes(action));
    case "mapper": {
      const draws = ["create", "edit_shape", "edit_attributes", "delete"].includes(action);
      if (type === "district" && (action === "create" || action === "delete")) return "refused";
      return yes(inside && (draws || action === "read_units" || (type === "small_area" && action === "submit")));
    }
    case "guide":
      return yes(inside && ["read_units", "confirm", "return", "print"].includes(action));
    case "enumerator":
      return yes(inside && ["read_units", "print"].includes(action));
    case "auditor":
      return yes(action === "read_units");
  }
}

/**
 * Used by the matrix test: what the issue says `role` may do on a whole function (every action of a function
 * has the same answer: the users page is the admin's alone, whatever is done there).
 */
export function expectedForFunction(role: MatrixRole, resource: FunctionResource): Answer {
  if (role === "anonymous") return "unauthenticated";
  if (role === "admin") return "allowed";
  const office = role.startsWith("office");
  switch (resource) {
    case "export":
      return yes(office);
    case "dashboard":
    case "daily_report":
      return yes(office || role === "auditor");
    case "audit_log":
      return yes(role === "auditor");
    case "users":
      return "refused";
    // the imagery sources and their offset are a setting shared by everyone (issue #8): the admin's
    case "imagery":
      return "refused";
  }
}
