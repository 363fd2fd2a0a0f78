import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import zh from "@/lib/i18n/messages/zh.json";
import { ImportBuildings } from "./import-buildings";

function render(locale: "en" | "zh", messages: typeof en): string {
  // children go as createElement's third argument
  const props = { locale, messages, timeZone: "Asia/Shanghai" } as Omit<ComponentProps<typeof NextIntlClientProvider>, "children"> as ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, createElement(ImportBuildings, { onImported: () => {} })));
}

describe("ImportBuildings", () => {
  it("renders its form in both languages", () => {
    const english = render("en", en);
    expect(english).toContain("Import buildings");
    expect(english).toContain('accept=".csv,.tsv,.txt,.geojson,.json"');
    expect(english).toContain("Skip bad rows and import the good ones");
    expect(render("zh", zh)).toContain("导入建筑物");
  });
});
