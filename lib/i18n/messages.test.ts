import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";

const { en, zh } = MESSAGES;

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** The arguments a message uses — `{name}`, and the argument of a plural or select — parsed as ICU, as next-intl does. */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
      if ("value" in e && typeof e.value === "string") names.add(e.value);
      if ("options" in e) for (const option of Object.values(e.options)) visit(option.value);
      if (e.type === TYPE.tag) visit(e.children);
    }
  };
  visit(parse(text));
  return [...names].sort();
}

describe("message files", () => {
  it("zh and en have the same keys", () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });
  it("every message has the same placeholders in both languages and none is empty", () => {
    const get = (o: object, path: string) => path.split(".").reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o) as string;
    for (const key of keys(zh)) {
      expect(get(zh, key).trim(), key).not.toBe("");
      expect(placeholders(get(en, key)), key).toEqual(placeholders(get(zh, key)));
    }
  });
});
