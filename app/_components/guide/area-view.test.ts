import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { signedInAs } from "@/db/auth-test-fixture";
import { openDatabase, type Db } from "@/db/client";
import { E, findEntities, seedEditTownship, W } from "@/db/edit-test-fixture";
import { listMyAreas, myAreaDetail, type GuideAreaDetail } from "@/db/guide-queries";
import { smallAreas } from "@/db/schema";
import { transitionSmallArea } from "@/db/workflow";
import type { UserRole } from "@/lib/domain/types";
import { MESSAGES } from "@/lib/i18n/messages";
import { AreaList } from "./area-list";
import { AreaView } from "./area-view";
import { KNOWN_REFUSALS } from "./workflow-types";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {} }) }));
// the map itself needs a browser; here only what surrounds it is rendered
vi.mock("./guide-map", () => ({ GuideMap: () => createElement("div", { "data-testid": "guide-map" }) }));

let db: Db;
let ids: { w1: number; w2: number; e1: number };

beforeEach(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
  const { smallArea } = findEntities(db);
  ids = { w1: smallArea(W, "001").id, w2: smallArea(W, "002").id, e1: smallArea(E, "001").id };
});

function render(node: ReactNode, locale: "zh" | "en" = "zh"): string {
  // a .ts test (vitest runs *.test.ts): the provider's props type wants its children among the props
  // eslint-disable-next-line react/no-children-prop
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: MESSAGES[locale], timeZone: "Asia/Shanghai", children: node }));
}

const changeState = async () => ({ ok: false as const, status: 403, reason: "forbidden", place: "", message: "" });

function view(role: UserRole, detail: GuideAreaDetail, locale: "zh" | "en" = "zh"): string {
  return render(createElement(AreaView, { locale, role, detail, imagery: null, changeState, testHook: false }), locale);
}

describe("the guide's list", () => {
  it("has one tappable item per area with its code, state badge and size", async () => {
    const { user } = await signedInAs(db, "guide", { districtCodes: [W] });
    const html = render(createElement(AreaList, { locale: "zh", areas: listMyAreas(db, user), openId: ids.w2 }));
    expect(html).toContain(`data-testid="guide-area-${W}001"`);
    expect(html).toContain(`href="/zh/guide?area=${ids.w1}"`);
    expect(html).toMatch(new RegExp(`data-testid="guide-state-${W}002" data-state="draft">草稿<`));
    expect(html).toContain("2 户");
    expect(html).toContain("西村");
    expect(html.match(/aria-current="page"/g)).toHaveLength(1);
  });
});

describe("one area", () => {
  it("gives a guide Confirm, Return and the map on an approved area", async () => {
    db.update(smallAreas).set({ status: "approved" }).run();
    const { user } = await signedInAs(db, "guide", { districtCodes: [W] });
    const html = view("guide", myAreaDetail(db, user, ids.w1)!);
    for (const id of ["guide-map", "guide-confirm", "guide-return", "guide-back"]) expect(html, id).toContain(`data-testid="${id}"`);
    expect(html).toMatch(/data-testid="guide-state" data-state="approved">已审核</);
    expect(html).toContain("确认边界");
  });

  it("gives a guide no buttons on an area that is not approved, and says why", async () => {
    const { user } = await signedInAs(db, "guide", { districtCodes: [W] });
    const html = view("guide", myAreaDetail(db, user, ids.w1)!, "en");
    expect(html).not.toContain('data-testid="guide-confirm"');
    expect(html).not.toContain('data-testid="guide-return"');
    expect(html).toContain('data-testid="guide-not-actionable"');
    expect(html).toContain("Only approved small areas can be confirmed or returned.");
  });

  it("gives an enumerator the map and the download of the area's sheet, never Confirm or Return", async () => {
    db.update(smallAreas).set({ status: "approved" }).run();
    const { user } = await signedInAs(db, "enumerator", { smallAreaIds: [ids.e1] });
    const html = view("enumerator", myAreaDetail(db, user, ids.e1)!);
    expect(html).toContain('data-testid="guide-map"');
    expect(html).not.toContain('data-testid="guide-confirm"');
    expect(html).not.toContain('data-testid="guide-not-actionable"');
    expect(html).toMatch(new RegExp(`<a href="/api/print/small-areas/${ids.e1}\\?paper=A4&amp;orientation=portrait&amp;locale=zh" download=""[^>]*data-testid="guide-print">打印小区图</a>`));
    expect(html).not.toContain("disabled");
  });

  it("shows the latest return comment of a returned area", async () => {
    db.update(smallAreas).set({ status: "approved" }).run();
    const { user } = await signedInAs(db, "guide", { districtCodes: [W] });
    transitionSmallArea(db, user, { smallAreaId: ids.w2, action: "return", baseVersion: 1, comment: "北边围墙外还有两户" });
    const html = view("guide", myAreaDetail(db, user, ids.w2)!);
    expect(html).toContain('data-testid="guide-return-note"');
    expect(html).toContain("北边围墙外还有两户");
    expect(html).toContain(user.displayName);
  });
});

describe("refusals", () => {
  it("has a message under workflow.refusal in both languages for every reason the guide view translates", () => {
    for (const locale of ["zh", "en"] as const) {
      const refusal = (MESSAGES[locale] as unknown as { workflow: { refusal: Record<string, string> } }).workflow.refusal;
      for (const reason of KNOWN_REFUSALS) expect(refusal[reason], `${locale} ${reason}`).toBeTruthy();
    }
  });
});
