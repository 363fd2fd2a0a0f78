import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { AddUserForm } from "./add-user-form";
import { UserRow, type UserRowData } from "./user-row";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

function render(locale: "en" | "zh", element: ReactElement): string {
  const fail = (error: Error) => {
    throw error;
  };
  const props = { locale, messages: MESSAGES[locale], timeZone: "Asia/Shanghai", onError: fail } as Omit<ComponentProps<typeof NextIntlClientProvider>, "children"> as ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, element));
}

const account: UserRowData = { id: 5, username: "wang.fang", displayName: "王芳", role: "mapper", disabled: false, created: "2024/5/1 08:00", createdUtc: "2024-05-01T00:00:00.000Z" };

describe("the users page's parts", () => {
  it("renders the add form with the e2e hooks, every role and the password rule, in both languages", () => {
    const zh = render("zh", createElement(AddUserForm, { minPassword: 8 }));
    for (const id of ["users-add-username", "users-add-role", "users-add-password", "users-add-submit"]) expect(zh).toContain(`data-testid="${id}"`);
    expect(zh).toContain("至少 8 个字符");
    expect(zh.match(/<option value=/g)).toHaveLength(6);
    expect(zh).toContain('<option value="mapper" selected="">绘图员</option>');
    expect(render("en", createElement(AddUserForm, { minPassword: 8 }))).toContain("Add an account");
  });

  it("renders an account's row with its role, status and actions", () => {
    const table = (element: ReactElement) => createElement("table", null, createElement("tbody", null, element));
    const zh = render("zh", table(createElement(UserRow, { user: account, isSelf: false, minPassword: 8 })));
    expect(zh).toContain('data-testid="users-row-wang.fang"');
    expect(zh).toContain('<option value="mapper" selected="">绘图员</option>');
    expect(zh).toContain(">正常</td>");
    expect(zh).toContain(">停用</button>");
    expect(zh).toContain('title="2024-05-01T00:00:00.000Z"');
    expect(zh).not.toContain("（您本人）");
    const en = render("en", table(createElement(UserRow, { user: { ...account, disabled: true }, isSelf: true, minPassword: 8 })));
    expect(en).toContain(">Disabled</td>");
    expect(en).toContain(">Enable</button>");
    expect(en).toContain("(you)");
  });
});
