/**
 * Who may do what (issue #6): the census's role rules as one pure table. The server asks `can` in every
 * server action and route, per function and per record; `inside` says whether the record lies in the
 * person's assignment (see `db/access.ts`, which works that out). Boundaries may be shared, household data
 * may not (DESIGN.md): reading geometry is open to every signed-in role, reading housing units is not.
 */
import type { UserRole } from "./types";

/** Everything a person can try to do. */
export const ACTIONS = [
  "read",
  "create",
  "edit_shape",
  "edit_attributes",
  "delete",
  "read_units",
  "edit_units",
  "submit",
  "approve",
  "return",
  "confirm",
  "release",
  "flag_imagery",
  "print",
  "export",
  "assign",
  "manage_users",
  "read_audit",
  "read_dashboard",
  /** the imagery sources: add, edit, delete, default, offset (an admin's setting, shared by everyone) */
  "manage_imagery",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Where the record lies relative to the person's assignment. */
export type Scope = "inside" | "outside";

type Rule = Partial<Record<Action, "anywhere" | "inside">>;

const EDIT: Rule = { create: "inside", edit_shape: "inside", edit_attributes: "inside", delete: "inside" };

/**
 * The table. "anywhere": allowed on every record; "inside": only on records in the person's assignment
 * (a mapper's or guide's districts, an enumerator's small areas, a township office's township — a county
 * office, with no township, is inside everywhere). Absent: never.
 */
export const ROLE_RULES: Record<UserRole, Rule> = {
  admin: Object.fromEntries(ACTIONS.map((action) => [action, "anywhere"])) as Rule,
  office: {
    read: "anywhere",
    read_units: "inside",
    approve: "inside",
    return: "inside",
    release: "inside",
    flag_imagery: "inside",
    print: "inside",
    export: "inside",
    assign: "inside",
    read_dashboard: "anywhere",
  },
  mapper: { read: "anywhere", ...EDIT, read_units: "inside", edit_units: "inside", submit: "inside", flag_imagery: "inside" },
  guide: { read: "anywhere", read_units: "inside", confirm: "inside", return: "inside", flag_imagery: "inside", print: "inside" },
  enumerator: { read: "anywhere", read_units: "inside", print: "inside" },
  auditor: { read: "anywhere", read_units: "anywhere", read_audit: "anywhere", read_dashboard: "anywhere" },
};

/** Used before every server-side read or write: may a person of `role` do `action` on a record in `scope`? */
export function can(role: UserRole, action: Action, scope: Scope): boolean {
  const rule = ROLE_RULES[role][action];
  return rule === "anywhere" || (rule === "inside" && scope === "inside");
}

/** Used by pages to show or hide whole tools: may `role` do `action` anywhere at all (inside its assignment)? */
export function canEver(role: UserRole, action: Action): boolean {
  return ROLE_RULES[role][action] !== undefined;
}
