import { describe, expect, it } from "vitest";
import type { FieldInfo } from "./formats/types";
import { checkMapping, guessMapping, MappingError, parseMappingSpec } from "./import-mapping";

const field = (name: string, samples: string[] = [], type: FieldInfo["type"] = "string"): FieldInfo => ({ name, type, samples });

describe("guessMapping", () => {
  it("reads Chinese field names: 普查区代码 is a small area's district code, 代码 its own code", () => {
    const fields = [field("代码"), field("普查区代码"), field("名称"), field("户数", [], "number")];
    expect(guessMapping("small-areas", fields)).toEqual({ code: "代码", districtCode: "普查区代码", name: "名称" });
    expect(guessMapping("districts", [field("普查区代码"), field("名称"), field("类型")])).toEqual({ code: "普查区代码", name: "名称", kind: "类型" });
    expect(guessMapping("buildings", [field("户数"), field("人数"), field("层数"), field("用途")])).toEqual({ households: "户数", persons: "人数", floors: "层数", use: "用途" });
  });

  it("reads pinyin abbreviations and Shapefile names cut at 10 characters, case-insensitively", () => {
    expect(guessMapping("districts", [field("DM"), field("MC")])).toEqual({ code: "DM", name: "MC" });
    expect(guessMapping("small-areas", [field("XQDM"), field("DISTRICT_C"), field("NAME")])).toEqual({ code: "XQDM", districtCode: "DISTRICT_C", name: "NAME" });
    expect(guessMapping("reference", [field("Type"), field("Name")])).toEqual({ kind: "Type", name: "Name" });
  });

  it("falls back to the values: 12 digits are a district code, 3 or 15 digits a small-area code", () => {
    const fields = [field("F1", ["330199101206", "330199101207"]), field("F2", ["001", "002"])];
    expect(guessMapping("small-areas", fields)).toEqual({ code: "F2", districtCode: "F1" });
    expect(guessMapping("districts", fields)).toEqual({ code: "F1" });
    expect(guessMapping("districts", [field("X", ["12"])])).toEqual({});
  });
});

describe("parseMappingSpec and checkMapping", () => {
  const fields = [field("DM"), field("MC")];
  it("parses target=field pairs and checks them against the layer and the file", () => {
    expect(parseMappingSpec("code=DM, name=MC")).toEqual({ code: "DM", name: "MC" });
    expect(checkMapping("districts", { code: "DM", name: "MC", kind: "" }, fields)).toEqual({ code: "DM", name: "MC" });
  });
  it("refuses unknown targets and fields, required targets left out, and bad syntax", () => {
    const rule = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof MappingError ? `${e.rule} ${e.where}` : String(e);
      }
      return "no error";
    };
    expect(rule(() => checkMapping("districts", { code: "DM", name: "MC", households: "DM" }, fields))).toBe("unknown_target households");
    expect(rule(() => checkMapping("districts", { code: "XX", name: "MC" }, fields))).toBe("unknown_field code");
    expect(rule(() => checkMapping("districts", { code: "DM" }, fields))).toBe("missing_target name");
    expect(rule(() => parseMappingSpec("code"))).toBe("mapping_syntax code");
  });
});
