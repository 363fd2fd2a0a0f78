import { expect, type Browser, type Page } from "@playwright/test";
import { openE2eDb, test } from "./helpers";

/** 西岭村 Xiling Village: the district the office hands to a mapper and a guide. */
const DISTRICT = "330199101201";
const OTHER_DISTRICT = "330199101202";
const PASSWORD = "field-work-2030";
const STAMP = Date.now().toString(36);
const people = { office: `office-${STAMP}`, mapper: `mapper-${STAMP}`, guide: `guide-${STAMP}` };

test.describe.configure({ mode: "serial" });

function areaId(district: string, code: string): number {
  const db = openE2eDb();
  try {
    return (db.prepare("SELECT sa.id FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? AND sa.code = ?").get(district, code) as { id: number }).id;
  } finally {
    db.close();
  }
}

/** Codes of the first `n` small areas of `district` still in draft (so that a retry of the test picks fresh ones). */
function draftCodes(district: string, n: number): string[] {
  const db = openE2eDb();
  try {
    const rows = db
      .prepare("SELECT sa.code FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? AND sa.status = 'draft' AND sa.is_virtual = 0 ORDER BY sa.code LIMIT ?")
      .all(district, n) as Array<{ code: string }>;
    return rows.map((r) => r.code);
  } finally {
    db.close();
  }
}

function areaState(id: number): { status: string; version: number } {
  const db = openE2eDb();
  try {
    return db.prepare("SELECT status, version FROM small_areas WHERE id = ?").get(id) as { status: string; version: number };
  } finally {
    db.close();
  }
}

/** A fresh browser context signed in as `username` through the sign-in page (its own console errors fail the test). */
async function signIn(browser: Browser, username: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto("/zh/sign-in");
  await page.getByTestId("sign-in-username").fill(username);
  await page.getByTestId("sign-in-password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  return page;
}

async function dashboardNumbers(page: Page): Promise<Record<string, number>> {
  await page.goto("/zh/dashboard");
  const read = async (id: string) => Number((await page.getByTestId(`dashboard-${id}`).first().innerText()).replace(/[^\d]/g, ""));
  return { submitted: await read("submitted"), approved: await read("approved"), confirmed: await read("confirmed"), returned: await read("returned") };
}

async function workflowStep(page: Page, area: number, action: string, expected: string): Promise<void> {
  await page.goto(`/zh?area=${area}`);
  await page.getByTestId(`workflow-action-${action}`).click();
  await expect.poll(() => areaState(area).status).toBe(expected);
}

test("the admin adds an office, a mapper and a guide account", async ({ page }) => {
  await page.goto("/zh/users");
  for (const [role, username] of Object.entries(people)) {
    await page.getByTestId("users-add-username").fill(username);
    await page.getByTestId("users-add-role").selectOption(role);
    await page.getByTestId("users-add-password").fill(PASSWORD);
    await page.getByTestId("users-add-submit").click();
    await expect(page.getByTestId(`users-row-${username}`)).toBeVisible();
  }
  const db = openE2eDb();
  const roles = db.prepare(`SELECT username, role FROM users WHERE username LIKE '%-${STAMP}' ORDER BY username`).all();
  db.close();
  expect(roles).toEqual([
    { username: people.guide, role: "guide" },
    { username: people.mapper, role: "mapper" },
    { username: people.office, role: "office" },
  ]);
});

test("office assigns, mapper submits, office approves, the guide confirms one and returns one on a phone; the dashboard follows", async ({ browser }) => {
  test.setTimeout(240_000);
  const [firstCode, secondCode] = draftCodes(DISTRICT, 2);
  const first = areaId(DISTRICT, firstCode);
  const second = areaId(DISTRICT, secondCode);
  const outside = areaId(OTHER_DISTRICT, "001");

  const office = await signIn(browser, people.office);
  const before = await dashboardNumbers(office);
  await office.goto("/zh/assign");
  for (const person of [people.mapper, people.guide]) {
    await office.getByTestId(`assign-district-${DISTRICT}`).check();
    await office.getByTestId("assign-user").selectOption(person);
    await office.getByTestId("assign-submit").click();
    await expect(office.getByTestId(person === people.mapper ? `assign-mappers-${DISTRICT}` : `assign-guides-${DISTRICT}`)).toContainText(person);
  }

  const mapper = await signIn(browser, people.mapper);
  await workflowStep(mapper, first, "submit", "submitted");
  await workflowStep(mapper, second, "submit", "submitted");
  await expect(mapper.locator('textarea[name="notes"]'), "a mapper may change name and notes").toHaveCount(1);
  // outside the assignment: no button, and the API answers 403 even with the right id and version
  await mapper.goto(`/zh?area=${outside}`);
  await expect(mapper.getByTestId("workflow-panel")).toBeVisible();
  await expect(mapper.getByTestId("workflow-action-submit")).toHaveCount(0);
  const guessed = await mapper.request.post(`/api/small-areas/${outside}/workflow`, { data: { action: "submit", baseVersion: areaState(outside).version } });
  expect(guessed.status()).toBe(403);
  expect(areaState(outside).status).toBe("draft");

  await workflowStep(office, first, "approve", "approved");
  await workflowStep(office, second, "approve", "approved");
  await expect(office.getByTestId("workflow-panel")).toBeVisible();
  await expect(office.locator('textarea[name="notes"]'), "an office may not: no form to fill in and be refused").toHaveCount(0);

  const guide = await signIn(browser, people.guide, { width: 390, height: 844 });
  await expect(guide).toHaveURL(/\/zh\/guide/);
  expect(await guide.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await guide.getByTestId(`guide-area-${DISTRICT}${firstCode}`).click();
  await expect.poll(async () => (await guide.getByTestId("guide-map").boundingBox())?.height ?? 0).toBeGreaterThan(200);
  await guide.getByTestId("guide-confirm").click();
  await expect.poll(() => areaState(first).status).toBe("confirmed");
  await guide.getByTestId("guide-back").click();
  await guide.getByTestId(`guide-area-${DISTRICT}${secondCode}`).click();
  await guide.getByTestId("guide-return").click();
  await guide.getByTestId("guide-comment").fill("东侧边界应沿小河，不是沿田埂");
  await guide.getByTestId("guide-return-send").click();
  await expect.poll(() => areaState(second).status).toBe("returned");
  const db = openE2eDb();
  const returned = db.prepare("SELECT comment, lon, lat FROM review_events WHERE small_area_id = ? AND action = 'return'").get(second) as { comment: string; lon: number; lat: number };
  const audited = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'workflow.%' AND username IN (?, ?, ?)").get(people.office, people.mapper, people.guide) as { n: number };
  db.close();
  expect(returned.comment).toBe("东侧边界应沿小河，不是沿田埂");
  expect(Number.isFinite(returned.lon) && Number.isFinite(returned.lat)).toBe(true);
  expect(audited.n).toBe(6);

  const after = await dashboardNumbers(office);
  expect(after.confirmed).toBe(before.confirmed + 1);
  expect(after.returned).toBe(before.returned + 1);
  expect(after.submitted).toBe(before.submitted);
  expect(after.approved).toBe(before.approved);
  for (const page of [office, mapper, guide]) expect((page as Page & { errors?: string[] }).errors).toEqual([]);
});

test("signing out ends the session: the old cookie no longer opens anything", async ({ browser }) => {
  const mapper = await signIn(browser, people.mapper);
  const cookie = (await mapper.context().cookies()).find((c) => c.name === "tessera_session")!;
  await mapper.getByTestId("sign-out").click();
  await expect(mapper).toHaveURL(/\/zh\/sign-in/);
  const replay = await mapper.request.get("/api/layers/districts", { headers: { cookie: `tessera_session=${cookie.value}` } });
  expect(replay.status()).toBe(401);
});
