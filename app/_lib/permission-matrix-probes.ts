/**
 * One probe per (record type, action) of the permission matrix: it builds the real request from the world's
 * current state — a Change made by the editor's own ops (`lib/edits/ops`) for POST /api/edits, a workflow
 * step for POST /api/small-areas/{id}/workflow, a GET of the panel routes — sends it as the person, and says
 * what the server answered. Writes that go through are undone at once (see `sendEdit`).
 */
import type { TestSession } from "@/db/auth-test-fixture";
import type { Db } from "@/db/client";
import type { Target } from "@/db/access";
import { tinyAt } from "@/db/seed/tiny-township-fixture";
import { rect } from "@/db/edit-test-fixture";
import type { WorkflowAction } from "@/lib/domain/workflow";
import type { OpResult } from "@/lib/edits/refusals";
import type { Change } from "@/lib/edits/types";
import { deleteBuilding, editBuilding, moveBuilding, placeBuilding } from "@/lib/edits/ops/building";
import { deleteDistrict, deleteSmallArea } from "@/lib/edits/ops/delete-area";
import { drawDistrict } from "@/lib/edits/ops/draw-district";
import { editDistrictAttributes, editSmallAreaAttributes } from "@/lib/edits/ops/edit-attributes";
import { deleteHousingUnit, editHousingUnit, fillHousingUnits } from "@/lib/edits/ops/housing-units";
import { moveSharedVertex } from "@/lib/edits/ops/move-vertex";
import { addVirtualSmallArea } from "@/lib/edits/ops/virtual-small-area";
import { GET as getBuilding } from "@/app/api/buildings/[id]/route";
import { GET as getCoverage } from "@/app/api/coverage/route";
import { GET as getSmallArea } from "@/app/api/small-areas/[id]/route";
import { POST as postWorkflow } from "@/app/api/small-areas/[id]/workflow/route";
import { GET as getDistrictSheet } from "@/app/api/print/districts/[id]/route";
import { GET as getAreaSheet } from "@/app/api/print/small-areas/[id]/route";
import { POST as postPrintJob } from "@/app/api/print/jobs/route";
import { printJobsSettled } from "@/app/_lib/print-jobs";
import { assignDistrictsAction, assignSmallAreasAction } from "@/app/_actions/assign";
import { answerOf, asServerAction, getRequest, guardOnly, postRequest, sendEdit, type Called } from "./permission-matrix-calls";
import type { RecordAction, RecordType } from "./permission-matrix-expected";
import { fullSnapshot, type Side, type SideRecords } from "./permission-matrix-fixture";

/** What a probe gets: the database, the person (null: nobody signed in), the side's records and which side. */
export interface ProbeContext {
  db: Db;
  session: TestSession | null;
  records: SideRecords;
  side: Side;
  /** the accounts the assign cells give the record to */
  assignees: { mapper: number; enumerator: number };
}

type Probe = (ctx: ProbeContext) => Promise<Called> | Called;

/** Places (metres in the edit township) the probes use, per side. */
const AT = {
  inside: { districtCorner: [0, 400], areaVertex: [200, 200], newBuilding: [50, 50], buildingTo: [110, 110], newDistrict: [250, 450, 350, 550], newCode: "440101001005" },
  outside: { districtCorner: [800, 400], areaVertex: [700, 200], newBuilding: [450, 50], buildingTo: [610, 210], newDistrict: [555, 410, 595, 590], newCode: "440101002003" },
} as const;

const at = ([e, n]: readonly [number, number]) => tinyAt(e, n);
const id = (n: number) => ({ params: Promise.resolve({ id: String(n) }) });

function changeOf(op: OpResult<Change>, what: string): Change {
  if (!op.ok) throw new Error(`the op for ${what} refused: ${op.reason} ${op.place ?? ""}`);
  return op.change;
}

/** A Change from an op over the current world, sent to POST /api/edits. */
function edit(make: (ctx: ProbeContext, snapshot: ReturnType<typeof fullSnapshot>) => OpResult<Change>, what: string): Probe {
  return (ctx) => sendEdit(ctx.db, ctx.session, changeOf(make(ctx, fullSnapshot(ctx.db)), what));
}

/**
 * A drag of 10 m: a district's outer corner northwards (its small area follows; only gaps open, which the
 * coverage check reports), or the vertex halfway along the edge between two small areas eastwards (only those
 * two change).
 */
function moveVertex(which: "districtCorner" | "areaVertex", what: string): Probe {
  return edit(({ side }, snapshot) => {
    const [e, n] = AT[side][which];
    return moveSharedVertex(snapshot, { from: tinyAt(e, n), to: which === "areaVertex" ? tinyAt(e + 10, n) : tinyAt(e, n + 10) });
  }, what);
}

async function unitsOfBuilding(ctx: ProbeContext, buildingId: number, unitId?: number): Promise<Called> {
  const response = await getBuilding(getRequest(`/api/buildings/${buildingId}`, ctx.session), id(buildingId));
  const called = answerOf(response.status, "GET /api/buildings/{id} units");
  if (called.answer !== "allowed") return called;
  const body = (await response.json()) as { housingUnits: Array<{ id: number }>; unitsHidden: boolean };
  const seen = unitId === undefined ? body.housingUnits.length > 0 && !body.unitsHidden : body.housingUnits.some((u) => u.id === unitId);
  return { ...called, answer: seen ? "allowed" : "refused" };
}

const FROM_STATE: Record<WorkflowAction, string> = { submit: "draft", approve: "submitted", return: "submitted", confirm: "approved", release: "confirmed" };

function workflow(action: WorkflowAction): Probe {
  return async ({ db, session, records }) => {
    db.$client.prepare("UPDATE small_areas SET status = ? WHERE id = ?").run(FROM_STATE[action], records.smallAreaId);
    const { version } = db.$client.prepare("SELECT version FROM small_areas WHERE id = ?").get(records.smallAreaId) as { version: number };
    const body = { action, baseVersion: version, ...(action === "return" ? { comment: "边界与道路不符" } : {}) };
    const response = await postWorkflow(postRequest(`/api/small-areas/${records.smallAreaId}/workflow`, session, body), id(records.smallAreaId));
    db.$client.prepare("UPDATE small_areas SET status = 'draft' WHERE id = ?").run(records.smallAreaId);
    return answerOf(response.status, "POST /api/small-areas/{id}/workflow", await response.text());
  };
}

/** The assign page's action giving the record to a test account; what it gave is taken back at once. */
function assign(type: "district" | "small_area"): Probe {
  return async ({ db, session, records, assignees }) => {
    const { called } =
      type === "district"
        ? await asServerAction(session, "assignDistrictsAction", () => assignDistrictsAction({ userId: assignees.mapper, districtIds: [records.districtId], role: "mapper" }))
        : await asServerAction(session, "assignSmallAreasAction", () => assignSmallAreasAction({ userId: assignees.enumerator, smallAreaIds: [records.smallAreaId] }));
    db.$client.prepare("DELETE FROM assignments WHERE user_id IN (?, ?)").run(assignees.mapper, assignees.enumerator);
    return called;
  };
}

/**
 * The print routes (the PDF pipeline is mocked by the matrix test): a district's sheet and its batch must
 * answer alike; a small area's sheet.
 */
const printDistrict: Probe = async ({ session, records }) => {
  const sheet = answerOf((await getDistrictSheet(getRequest(`/api/print/districts/${records.districtId}`, session), id(records.districtId))).status, "GET /api/print/districts/{id}");
  const response = await postPrintJob(postRequest("/api/print/jobs", session, { scope: "district", id: records.districtId }));
  await printJobsSettled();
  const batch = answerOf(response.status, "POST /api/print/jobs", await response.text());
  if (batch.answer !== sheet.answer) throw new Error(`district sheet ${sheet.answer} (${sheet.status}) but batch ${batch.answer} (${batch.status})`);
  return { ...sheet, via: `${sheet.via} + ${batch.via}` };
};
const printSmallArea: Probe = async ({ session, records }) =>
  answerOf((await getAreaSheet(getRequest(`/api/print/small-areas/${records.smallAreaId}`, session), id(records.smallAreaId))).status, "GET /api/print/small-areas/{id}");

const guarded = (action: "read_units" | "export", target: (r: SideRecords) => Target): Probe => ({ session, records }) => guardOnly(session, action, target(records));

/** Used by the matrix test: the probe of each (record type, action) the matrix has. */
export const RECORD_PROBES: Record<RecordType, Partial<Record<RecordAction, Probe>>> = {
  district: {
    read: async ({ session, records }) => answerOf((await getCoverage(getRequest(`/api/coverage?district=${records.districtCode}`, session))).status, "GET /api/coverage?district="),
    create: edit(({ side, records }, s) => {
      const [e0, n0, e1, n1] = AT[side].newDistrict;
      return drawDistrict(s, { townshipId: records.townshipId, polygon: rect(e0, n0, e1, n1), code: AT[side].newCode, nameZh: "新村", nameEn: "New", kind: "village" });
    }, "create district"),
    edit_shape: moveVertex("districtCorner", "district shape"),
    edit_attributes: edit(({ records }, s) => editDistrictAttributes(s, { id: records.districtId, nameZh: "改名村", nameEn: "Renamed" }), "district names"),
    delete: edit(({ records }, s) => deleteDistrict(s, { id: records.emptyDistrictId }), "delete district"),
    read_units: guarded("read_units", (r) => ({ type: "district", id: r.districtId })),
    print: printDistrict,
    export: guarded("export", (r) => ({ type: "district", id: r.districtId })),
    assign: assign("district"),
  },
  small_area: {
    read: async ({ session, records }) => answerOf((await getSmallArea(getRequest(`/api/small-areas/${records.smallAreaId}`, session), id(records.smallAreaId))).status, "GET /api/small-areas/{id}"),
    create: edit(({ records }, s) => addVirtualSmallArea(s, { districtId: records.districtId, name: "集体户" }), "virtual small area"),
    edit_shape: moveVertex("areaVertex", "small-area shape"),
    edit_attributes: edit(({ records }, s) => editSmallAreaAttributes(s, { id: records.smallAreaId, name: "河东片", notes: null }), "small-area name"),
    delete: edit(({ records }, s) => deleteSmallArea(s, { id: records.smallAreaId }), "delete small area"),
    read_units: async ({ session, records }) => {
      const response = await getSmallArea(getRequest(`/api/small-areas/${records.smallAreaId}`, session), id(records.smallAreaId));
      const called = answerOf(response.status, "GET /api/small-areas/{id} unitsHidden");
      return called.answer === "allowed" && ((await response.json()) as { unitsHidden: boolean }).unitsHidden ? { ...called, answer: "refused" } : called;
    },
    submit: workflow("submit"),
    approve: workflow("approve"),
    return: workflow("return"),
    confirm: workflow("confirm"),
    release: workflow("release"),
    print: printSmallArea,
    export: guarded("export", (r) => ({ type: "small_area", id: r.smallAreaId })),
    assign: assign("small_area"),
  },
  building: {
    read: async ({ session, records }) => answerOf((await getBuilding(getRequest(`/api/buildings/${records.buildingId}`, session), id(records.buildingId))).status, "GET /api/buildings/{id}"),
    create: edit(({ side }, s) => placeBuilding(s, { position: at(AT[side].newBuilding) }), "place building"),
    edit_shape: edit(({ side, records }, s) => moveBuilding(s, { id: records.buildingId, to: at(AT[side].buildingTo) }), "move building"),
    edit_attributes: edit(({ records }, s) => editBuilding(s, { id: records.buildingId, floors: 3, notes: "临街" }), "building attributes"),
    delete: edit(({ records }, s) => deleteBuilding(s, { id: records.buildingId }), "delete building"),
    read_units: (ctx) => unitsOfBuilding(ctx, ctx.records.buildingId),
  },
  housing_unit: {
    read: (ctx) => unitsOfBuilding(ctx, ctx.records.buildingId, ctx.records.housingUnitId),
    create: edit(({ records }, s) => fillHousingUnits(s, { buildingId: records.buildingId, count: 2, households: 1, personsPerUnit: 2 }), "fill units"),
    edit_attributes: edit(({ records }, s) => editHousingUnit(s, { id: records.housingUnitId, persons: 4 }), "edit unit"),
    delete: edit(({ records }, s) => deleteHousingUnit(s, { id: records.housingUnitId }), "delete unit"),
  },
};
