import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import type { WorkflowEvent } from "@/db/workflow";
import { MESSAGES } from "@/lib/i18n/messages";
import { StateBadge } from "./state-badge";
import { eventKey, reviewPins, WorkflowHistory } from "./workflow-history";
import { WorkflowReturnForm } from "./workflow-return-form";

function render(locale: "en" | "zh", element: ReactElement): string {
  const props = { locale, messages: MESSAGES[locale], timeZone: "Asia/Shanghai" } as Omit<ComponentProps<typeof NextIntlClientProvider>, "children"> as ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, element));
}

const event = (id: number, fields: Partial<WorkflowEvent>): WorkflowEvent => ({
  id, action: "submit", fromStatus: "draft", toStatus: "submitted", comment: null, at: null, createdAt: "2030-10-01T08:00:00.000Z", user: { id: 1, displayName: "王芳" }, ...fields,
});

describe("the workflow history helpers", () => {
  it("draw a marker for each pinned return, labelled with who and the first words, plus the pin being placed", () => {
    const history = [
      event(3, { action: "return", fromStatus: "approved", toStatus: "returned", comment: "北边界应沿河道走，东侧两栋新建房屋没有标绘出来，请补上", at: [113.3, 23.1] }),
      event(2, { action: "return", fromStatus: "submitted", toStatus: "returned", comment: "无定位" }),
      event(1, { action: "approve", at: [113.4, 23.2] }),
    ];
    const pins = reviewPins(history, [113.5, 23.3], "退回");
    expect(pins.features.map((f) => [f.id, f.geometry.coordinates, f.properties?.label])).toEqual([
      [3, [113.3, 23.1], "王芳: 北边界应沿河道走，东侧两栋新建房屋没有标绘出来，…"],
      [0, [113.5, 23.3], "退回"],
    ]);
    expect(reviewPins(history, null, "").features).toHaveLength(1);
  });

  it("names flag events by the flag they left", () => {
    expect(eventKey(event(1, { action: "flag_imagery", flagged: true }))).toBe("flagged");
    expect(eventKey(event(1, { action: "flag_imagery", flagged: false }))).toBe("unflagged");
    expect(eventKey(event(1, { action: "reopen" }))).toBe("reopen");
  });
});

describe("the workflow panel's pieces", () => {
  const history = [
    event(4, { action: "flag_imagery", fromStatus: "returned", toStatus: "returned", flagged: true, user: null }),
    event(3, { action: "return", fromStatus: "approved", toStatus: "returned", comment: "东侧漏画两栋", at: [113.3, 23.1], user: { id: 2, displayName: "李指导" } }),
    event(2, { action: "reopen", fromStatus: "ready", toStatus: "draft" }),
  ];

  it("renders the history with what, who, when (Beijing time) and the comment, in both languages", () => {
    const zh = render("zh", createElement(WorkflowHistory, { history, onShowPin: () => {} }));
    for (const text of ["标记影像质量差", "系统", "退回", "李指导", "东侧漏画两栋", "在地图上查看", "边界修改，退回草稿", "16:00"]) expect(zh).toContain(text);
    const en = render("en", createElement(WorkflowHistory, { history }));
    for (const text of ["Flagged bad imagery", "system", "Returned", "Boundary edited, back to draft"]) expect(en).toContain(text);
    expect(en).not.toContain("Show on map");
    expect(render("en", createElement(WorkflowHistory, { history: [] }))).toContain("No review events yet");
  });

  it("renders a state badge in its colour and the return form with its pin", () => {
    const badge = render("zh", createElement(StateBadge, { state: "approved", testId: "workflow-state" }));
    for (const part of [/data-state="approved"/, /background:#8e24aa/, />已审核</]) expect(badge).toMatch(part);
    const props = { picking: false, onPick: () => {}, onClearPin: () => {}, busy: false, onSend: () => {}, onCancel: () => {} };
    const pinned = render("zh", createElement(WorkflowReturnForm, { ...props, pin: [113.3, 23.1] }));
    expect(pinned).toContain("标记位置：113.300000，23.100000");
    expect(pinned).toContain("退回意见（必填）");
    const unpinned = render("en", createElement(WorkflowReturnForm, { ...props, pin: null, onPick: null }));
    expect(unpinned).toContain("placed at the area&#x27;s centre");
    expect(unpinned).not.toContain("Pin on map");
  });
});
