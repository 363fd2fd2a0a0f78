/**
 * The world of the permission matrix test (issue #6): the small edit township of `db/edit-test-fixture.ts`
 * with district E moved into a second township (so that a township office has something outside its
 * township) and split into two small areas, and one signed-in account per role with its assignment:
 * mappers and guides hold district W, the enumerator small area W/001, one township office the township of
 * W (T1), the other the township of E (T2). "Inside" records are W's (W, W/001, a building in W/001, its
 * unit), "outside" records E's. Each township also gets an empty district (a district can only be deleted
 * empty); the one in T1 is assigned to the mapper and the guide along with W. The edge between the two small
 * areas of each district gets a vertex halfway, which only those two small areas share.
 */
import { and, eq, isNull } from "drizzle-orm";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { createUser } from "@/db/auth";
import type { Db } from "@/db/client";
import { getBuildingForEdit, getEditSnapshot } from "@/db/edit-queries";
import { writeChange } from "@/db/edit-mutations";
import { rect, W, E } from "@/db/edit-test-fixture";
import { adminUnits, assignments, districts } from "@/db/schema";
import { bboxColumns } from "@/db/seed/insert-township";
import { tinyAt } from "@/db/seed/tiny-township-fixture";
import { drawDistrict } from "@/lib/edits/ops/draw-district";
import { insertSharedVertex } from "@/lib/edits/ops/insert-vertex";
import { splitSmallArea } from "@/lib/edits/ops/split-area";
import type { EditSnapshot } from "@/lib/edits/types";

/** The accounts of the matrix, by the name the summary prints. */
export const MATRIX_ROLES = [
  "admin",
  "office-county",
  "office-township-inside",
  "office-township-outside",
  "mapper",
  "guide",
  "enumerator",
  "auditor",
  "anonymous",
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** Code of district E once moved into township T2. */
export const E2 = "440101002001";

/** Which side of the (mapper's) assignment a record lies on: W's records, or E's. */
export type Side = "inside" | "outside";

/** The ids of the records of one side. */
export interface SideRecords {
  districtId: number;
  districtCode: string;
  townshipId: number;
  smallAreaId: number;
  buildingId: number;
  housingUnitId: number;
  /** a district with no small area and no building, in the same township */
  emptyDistrictId: number;
}

/** What the test works with. */
export interface MatrixWorld {
  sessions: Record<Exclude<MatrixRole, "anonymous">, TestSession>;
  records: Record<Side, SideRecords>;
  /** an account the users cells change (role, password, disabled) */
  victimId: number;
  /** a mapper and an enumerator the assign cells give records to */
  assignees: { mapper: number; enumerator: number };
  /** puts back the assignments that deleting a district or small area took away (they cascade) */
  restoreAssignments: () => void;
}

/** Used by the probes: everything an op may read, buildings and housing units included. */
export function fullSnapshot(db: Db): Required<EditSnapshot> {
  const snapshot = getEditSnapshot(db);
  const ids = (db.$client.prepare("SELECT id FROM buildings ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
  const pieces = ids.map((id) => getBuildingForEdit(db, id)!);
  return { ...snapshot, buildings: pieces.flatMap((p) => p.buildings), housingUnits: pieces.flatMap((p) => p.housingUnits) };
}

function moveEIntoSecondTownship(db: Db): number {
  const t1 = db.select().from(adminUnits).where(eq(adminUnits.code, "440101001")).get()!;
  const geometry = rect(400, 0, 800, 600);
  const t2 = db
    .insert(adminUnits)
    .values({ censusId: t1.censusId, parentId: t1.parentId, level: "township", code: "440101002", nameZh: "东镇", nameEn: "East Town", geometry, ...bboxColumns(geometry) })
    .returning({ id: adminUnits.id })
    .get();
  db.update(districts).set({ townshipId: t2.id, code: E2 }).where(eq(districts.code, E)).run();
  return t2.id;
}

function splitE(db: Db): void {
  const snapshot = getEditSnapshot(db);
  const district = snapshot.districts.find((d) => d.code === E2)!;
  const area = snapshot.smallAreas.find((a) => a.districtId === district.id)!;
  const split = splitSmallArea(snapshot, { id: area.id, line: [tinyAt(700, -20), tinyAt(700, 420)] });
  if (!split.ok) throw new Error(`split of E failed: ${split.reason}`);
  writeChange(db, split.change, null);
}

function addMidVertex(db: Db, east: number): void {
  const added = insertSharedVertex(getEditSnapshot(db), { segment: [tinyAt(east, 0), tinyAt(east, 400)], at: tinyAt(east, 200) });
  if (!added.ok) throw new Error(`vertex at ${east} m: ${added.reason}`);
  writeChange(db, added.change, null);
}

function addEmptyDistrict(db: Db, townshipId: number, code: string, e0: number, n0: number, e1: number, n1: number): number {
  const drawn = drawDistrict(getEditSnapshot(db), { townshipId, polygon: rect(e0, n0, e1, n1), code, nameZh: "空村", nameEn: "Empty", kind: "village" });
  if (!drawn.ok) throw new Error(`empty district ${code}: ${drawn.reason}`);
  const written = writeChange(db, drawn.change, null);
  return written.entities.find((e) => e.type === "district")!.id;
}

function sideRecords(db: Db, code: string, areaCode: string, emptyDistrictId: number): SideRecords {
  const snapshot = fullSnapshot(db);
  const district = snapshot.districts.find((d) => d.code === code)!;
  const area = snapshot.smallAreas.find((a) => a.districtId === district.id && a.code === areaCode)!;
  const building = snapshot.buildings.find((b) => b.smallAreaId === area.id)!;
  const unit = snapshot.housingUnits.find((u) => u.buildingId === building.id)!;
  return { districtId: district.id, districtCode: code, townshipId: district.townshipId, smallAreaId: area.id, buildingId: building.id, housingUnitId: unit.id, emptyDistrictId };
}

/** Used once by the matrix test (after `setUpEditTownshipDatabase`): builds the world and signs everyone in. */
export async function setUpMatrixWorld(db: Db): Promise<MatrixWorld> {
  const t2 = moveEIntoSecondTownship(db);
  splitE(db);
  addMidVertex(db, 200);
  addMidVertex(db, 700);
  const t1 = db.select({ townshipId: districts.townshipId }).from(districts).where(eq(districts.code, W)).get()!.townshipId;
  const inside = sideRecords(db, W, "001", addEmptyDistrict(db, t1, "440101001004", 0, 450, 200, 550));
  const outside = sideRecords(db, E2, "001", addEmptyDistrict(db, t2, "440101002002", 420, 450, 550, 550));
  const sessions = {
    admin: await signedInAs(db, "admin"),
    "office-county": await signedInAs(db, "office"),
    "office-township-inside": await signedInAs(db, "office", { townshipIds: [inside.townshipId] }),
    "office-township-outside": await signedInAs(db, "office", { townshipIds: [t2] }),
    mapper: await signedInAs(db, "mapper", { districtCodes: [W, "440101001004"] }),
    guide: await signedInAs(db, "guide", { districtCodes: [W, "440101001004"] }),
    enumerator: await signedInAs(db, "enumerator", { smallAreaIds: [inside.smallAreaId] }),
    auditor: await signedInAs(db, "auditor"),
  };
  const victimId = await createUser(db, { username: "matrix-victim", role: "mapper", password: "victim password 1" });
  const assignees = {
    mapper: await createUser(db, { username: "matrix-assignee-mapper", role: "mapper" }),
    enumerator: await createUser(db, { username: "matrix-assignee-enumerator", role: "enumerator" }),
  };
  const assigned = db.select().from(assignments).all();
  const restoreAssignments = () => {
    for (const a of assigned) {
      const same = and(
        eq(assignments.userId, a.userId),
        a.districtId === null ? isNull(assignments.districtId) : eq(assignments.districtId, a.districtId),
        a.smallAreaId === null ? isNull(assignments.smallAreaId) : eq(assignments.smallAreaId, a.smallAreaId),
        a.adminUnitId === null ? isNull(assignments.adminUnitId) : eq(assignments.adminUnitId, a.adminUnitId),
      );
      if (!db.select({ id: assignments.id }).from(assignments).where(same).get()) db.insert(assignments).values({ ...a, id: undefined }).run();
    }
  };
  return { sessions, records: { inside, outside }, victimId, assignees, restoreAssignments };
}
