import { describe, expect, it } from "vitest";
import { fullSmallAreaCode, isDistrictCode, isSmallAreaCode } from "./codes";

describe("census codes", () => {
  it("accepts 12-digit district codes only", () => {
    expect(isDistrictCode("330199101201")).toBe(true);
    expect(isDistrictCode("33019910120")).toBe(false);
    expect(isDistrictCode("33019910120a")).toBe(false);
  });
  it("keeps 900+ for virtual small areas", () => {
    expect(isSmallAreaCode("001", false)).toBe(true);
    expect(isSmallAreaCode("900", false)).toBe(false);
    expect(isSmallAreaCode("901", true)).toBe(true);
    expect(isSmallAreaCode("000", false)).toBe(false);
    expect(fullSmallAreaCode("330199101201", "007")).toBe("330199101201007");
  });
});
