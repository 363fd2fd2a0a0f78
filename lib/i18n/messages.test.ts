import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";

const { en, zh } = MESSAGES;

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
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
