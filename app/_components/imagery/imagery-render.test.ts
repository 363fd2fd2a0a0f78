import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import type { ImagerySourceRow } from "@/db/imagery-sources";
import { AddSourceForms } from "./add-source-forms";
import { ImagerySwitcher } from "./imagery-switcher";
import { ruleText } from "./rule-text";
import { SourceRow } from "./source-row";
import type { ImageryChoice } from "./use-imagery";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));
vi.mock("@/app/_actions/imagery", () => ({}));

function render(locale: "en" | "zh", element: ReactElement): string {
  const fail = (error: Error) => {
    throw error;
  };
  const props = { locale, messages: MESSAGES[locale], timeZone: "Asia/Shanghai", onError: fail } as Omit<ComponentProps<typeof NextIntlClientProvider>, "children"> as ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, element));
}

const info = { minZoom: 13, maxZoom: 18, attribution: null, bounds: null, offsetX: 0, offsetY: 0, version: 1 };
const choice = (refused: ImageryChoice["refused"] = null): ImageryChoice => ({
  sources: [{ id: 1, name: "示范影像", ...info }, { id: 2, name: "天地图", ...info, offsetX: -2.5, offsetY: 10 }],
  current: { id: 2, name: "天地图", ...info, offsetX: -2.5, offsetY: 10 },
  pick: () => {},
  nudge: () => {},
  saving: false,
  refused,
});
const row: ImagerySourceRow = { id: 7, name: "天地图", kind: "xyz", location: "https://t{0-7}.tianditu.gov.cn/img_w/wmts?tk={key}", attribution: null, minZoom: 1, maxZoom: 18, keyEnv: "TIANDITU_KEY", isDefault: false, offsetX: 0, offsetY: 0, bounds: null, version: 3, updatedAt: "" };

describe("the imagery parts", () => {
  it("the switcher lists the sources as radios, shows the offset and, for the admin, the nudge arrows", () => {
    const zh = render("zh", createElement(ImagerySwitcher, { choice: choice(), canNudge: true }));
    expect(zh.match(/type="radio"/g)).toHaveLength(2);
    expect(zh).toContain('data-testid="imagery-source-2" name="imagery-source" checked=""');
    expect(zh).toContain("偏移：东 -2.5 米，北 10 米");
    for (const dir of ["west", "east", "north", "south", "reset"]) expect(zh).toContain(`data-testid="imagery-nudge-${dir}"`);
    expect(zh).toContain('aria-label="向东移 1 米"');
    const en = render("en", createElement(ImagerySwitcher, { choice: choice({ reason: "stale_version", place: "version" }), canNudge: false }));
    expect(en).not.toContain("imagery-nudge-east");
    expect(en).toContain("Offset: -2.5 m east, 10 m north");
    expect(en).toContain("Someone else changed the imagery source “天地图”");
  });

  it("the settings forms and a row render in both languages with their hooks", () => {
    const zh = render("zh", createElement(AddSourceForms));
    for (const id of ["imagery-add-name", "imagery-add-kind", "imagery-add-location", "imagery-add-keyenv", "imagery-preset-tianditu", "imagery-upload-file"]) expect(zh).toContain(`data-testid="${id}"`);
    expect(zh).toContain("天地图（影像 + 注记）");
    expect(render("en", createElement(AddSourceForms))).toContain("Upload an MBTiles or GeoTIFF");
    const table = createElement("table", null, createElement("tbody", null, createElement(SourceRow, { source: row })));
    const rendered = render("zh", table);
    expect(rendered).toContain("XYZ 瓦片");
    expect(rendered).toContain("密钥环境变量: TIANDITU_KEY");
    expect(rendered).toContain('data-testid="imagery-default-7"');
  });

  it("says every rule in both languages, naming the field", () => {
    const t = (locale: "zh" | "en") => {
      const m = MESSAGES[locale].imagery;
      const fmt = (table: Record<string, string>) => (key: string, values?: Record<string, string | number>) => table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(values?.[k] ?? `{${k}}`));
      return [fmt(m.rules as Record<string, string>), fmt(m.fields as Record<string, string>)] as const;
    };
    expect(ruleText({ reason: "zoom_order", place: "maxZoom" }, ...t("zh"))).toBe("最大级别：最大级别不能小于最小级别。");
    expect(ruleText({ reason: "not_raster", place: "file" }, ...t("en"))).toBe("File: the tiles are not images (PNG, JPEG, WebP); vector tiles perhaps.");
    expect(ruleText({ reason: "invalid", place: "settings.minZoom" }, ...t("en"))).toBe("Min zoom: bad input.");
    expect(ruleText({ reason: "made_up", place: "x" }, ...t("en"))).toBe("Input: bad input.");
  });
});
