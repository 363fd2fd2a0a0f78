import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signedInAs } from "./auth-test-fixture";
import { openDatabase, type Db } from "./client";
import { BUILDINGS, E, findEntities, N, seedEditTownship, W } from "./edit-test-fixture";
import { listMyAreas, myAreaDetail } from "./guide-queries";
import { buildings, housingUnits, reviewEvents, smallAreas } from "./schema";
import { tinyAt } from "./seed/tiny-township-fixture";
import { transitionSmallArea } from "./workflow";

let db: Db;
let ids: { w1: number; w2: number; e1: number };

beforeEach(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
  const { smallArea } = findEntities(db);
  ids = { w1: smallArea(W, "001").id, w2: smallArea(W, "002").id, e1: smallArea(E, "001").id };
});

describe("listMyAreas", () => {
  it("gives a guide the small areas of the districts assigned, with codes, names, state and totals", async () => {
    const { user } = await signedInAs(db, "guide", { districtCodes: [W] });
    const areas = listMyAreas(db, user);
    expect(areas.map((a) => a.fullCode)).toEqual([`${W}001`, `${W}002`]);
    const [first] = areas;
    expect(first).toMatchObject({
      id: ids.w1,
      code: "001",
      isVirtual: false,
      district: { code: W, nameZh: "西村", nameEn: "West" },
      status: "draft",
      version: 1,
      badImagery: false,
      buildings: 2,
      households: 2,
      persons: 6,
      lastReturn: null,
    });
    const [w, s] = tinyAt(0, 0);
    const [e, n] = tinyAt(200, 400);
    first.bbox!.forEach((v, i) => expect(v).toBeCloseTo([w, s, e, n][i], 9));
  });

  it("gives an enumerator only the small areas assigned, and nobody else's districts", async () => {
    const enumerator = await signedInAs(db, "enumerator", { smallAreaIds: [ids.e1] });
    expect(listMyAreas(db, enumerator.user).map((a) => a.fullCode)).toEqual([`${E}001`]);
    const unassigned = await signedInAs(db, "guide");
    expect(listMyAreas(db, unassigned.user)).toEqual([]);
    const guideOfN = await signedInAs(db, "guide", { districtCodes: [N] });
    expect(listMyAreas(db, guideOfN.user)).toEqual([]);
  });

  it("counts a housing unit split off into another small area there, not in its building's area", async () => {
    const building = db.select({ id: buildings.id }).from(buildings).where(eq(buildings.smallAreaId, ids.w2)).all()[0];
    db.insert(housingUnits).values({ buildingId: building.id, smallAreaId: ids.w1, unitNumber: "201", households: 2, persons: 5 }).run();
    const { user } = await signedInAs(db, "guide", { districtCodes: [W] });
    const [w1, w2] = listMyAreas(db, user);
    expect([w1.households, w1.persons, w1.buildings]).toEqual([4, 11, 2]);
    expect([w2.households, w2.persons, w2.buildings]).toEqual([2, 6, 2]);
  });

  it("shows the latest return comment, with its pin, only while the area is returned", async () => {
    const office = await signedInAs(db, "office");
    const { user } = await signedInAs(db, "guide", { districtCodes: [W] });
    const at = tinyAt(50, 60);
    db.insert(reviewEvents).values({ smallAreaId: ids.w1, userId: office.user.id, action: "return", fromStatus: "submitted", toStatus: "returned", comment: "old" }).run();
    db.insert(reviewEvents).values({ smallAreaId: ids.w1, userId: user.id, action: "return", fromStatus: "approved", toStatus: "returned", comment: "河边漏了两户", lon: at[0], lat: at[1] }).run();
    db.insert(reviewEvents).values({ smallAreaId: ids.w2, userId: user.id, action: "return", fromStatus: "approved", toStatus: "returned", comment: "not shown" }).run();
    db.update(smallAreas).set({ status: "returned", version: 2 }).where(eq(smallAreas.id, ids.w1)).run();
    db.update(smallAreas).set({ status: "submitted" }).where(eq(smallAreas.id, ids.w2)).run();
    const [w1, w2] = listMyAreas(db, user);
    expect(w1.status).toBe("returned");
    expect(w1.version).toBe(2);
    expect(w1.lastReturn).toMatchObject({ comment: "河边漏了两户", at, by: user.displayName });
    expect(w2.lastReturn).toBeNull();
  });
});

describe("the list after the guide's own steps", () => {
  it("shows a confirmed area and a returned one with the guide's pinned comment and the new versions", async () => {
    db.update(smallAreas).set({ status: "approved" }).run();
    const { user } = await signedInAs(db, "guide", { districtCodes: [W] });
    const at = tinyAt(120, 80);
    expect(transitionSmallArea(db, user, { smallAreaId: ids.w1, action: "confirm", baseVersion: 1 }).ok).toBe(true);
    expect(transitionSmallArea(db, user, { smallAreaId: ids.w2, action: "return", baseVersion: 1, comment: "缺一栋", at }).ok).toBe(true);
    const [w1, w2] = listMyAreas(db, user);
    expect([w1.status, w1.version, w1.lastReturn]).toEqual(["confirmed", 2, null]);
    expect([w2.status, w2.version]).toEqual(["returned", 2]);
    expect(w2.lastReturn).toMatchObject({ comment: "缺一栋", at, by: user.displayName });
  });
});

describe("myAreaDetail", () => {
  it("gives the outline, the buildings with numbers and the areas around, across district lines", async () => {
    const { user } = await signedInAs(db, "guide", { districtCodes: [W] });
    const detail = myAreaDetail(db, user, ids.w2)!;
    expect(detail.area.fullCode).toBe(`${W}002`);
    expect(detail.geometry?.type).toBe("Polygon");
    expect(detail.buildings.map((b) => [b.number, b.use])).toEqual([[1, "residential"], [2, "residential"]]);
    const [lon, lat] = tinyAt(...BUILDINGS.w250);
    expect(detail.buildings[0].point[0]).toBeCloseTo(lon, 9);
    expect(detail.buildings[0].point[1]).toBeCloseTo(lat, 9);
    expect(detail.buildings[0].footprint?.type).toBe("Polygon");
    expect(detail.neighbours.map((a) => a.fullCode)).toEqual([`${W}001`, `${E}001`]);
    const [cw, cs] = tinyAt(200, 0);
    const [ce, cn] = tinyAt(400, 400);
    expect(detail.centre![0]).toBeGreaterThan(cw);
    expect(detail.centre![0]).toBeLessThan(ce);
    expect(detail.centre![1]).toBeGreaterThan(cs);
    expect(detail.centre![1]).toBeLessThan(cn);
    expect(myAreaDetail(db, user, ids.w1)!.neighbours.map((a) => a.fullCode)).toEqual([`${W}002`]);
  });

  it("refuses areas outside the person's assignment and areas that do not exist", async () => {
    const guide = await signedInAs(db, "guide", { districtCodes: [W] });
    expect(myAreaDetail(db, guide.user, ids.e1)).toBeNull();
    expect(myAreaDetail(db, guide.user, 9999)).toBeNull();
    const enumerator = await signedInAs(db, "enumerator", { smallAreaIds: [ids.w1] });
    expect(myAreaDetail(db, enumerator.user, ids.w1)?.area.id).toBe(ids.w1);
    expect(myAreaDetail(db, enumerator.user, ids.w2)).toBeNull();
    const mapperElsewhere = await signedInAs(db, "mapper", { districtCodes: [E] });
    expect(myAreaDetail(db, mapperElsewhere.user, ids.w1)).toBeNull();
    const admin = await signedInAs(db, "admin");
    expect(myAreaDetail(db, admin.user, ids.e1)?.area.fullCode).toBe(`${E}001`);
  });
});
