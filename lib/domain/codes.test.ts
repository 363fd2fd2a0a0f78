import { describe, expect, it } from "vitest";
import { formatSmallAreaCode, fullSmallAreaCode, isDistrictCode, isSmallAreaCode, nextFreeDistrictCode, nextFreeSmallAreaCode } from "./codes";

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

describe("nextFreeSmallAreaCode", () => {
  it("gives the lowest free territorial code, filling holes in the numbering", () => {
    expect(nextFreeSmallAreaCode([], false)).toBe("001");
    expect(nextFreeSmallAreaCode(["001", "002", "004", "901"], false)).toBe("003");
  });
  it("numbers virtual small areas from 900", () => {
    expect(nextFreeSmallAreaCode(["001", "900"], true)).toBe("901");
    expect(nextFreeSmallAreaCode([], true)).toBe("900");
  });
  it("returns null when the range is full", () => {
    const all = Array.from({ length: 899 }, (_, i) => formatSmallAreaCode(i + 1));
    expect(nextFreeSmallAreaCode(all, false)).toBeNull();
    expect(nextFreeSmallAreaCode(all, true)).toBe("900");
    const virtual = Array.from({ length: 100 }, (_, i) => formatSmallAreaCode(900 + i));
    expect(nextFreeSmallAreaCode(virtual, true)).toBeNull();
  });
});

describe("nextFreeDistrictCode", () => {
  it("takes the number after the highest of the kind's range in the township, else the lowest free one", () => {
    const taken = ["330199101001", "330199101002", "330199101201", "330199101202", "330199102250"];
    expect(nextFreeDistrictCode("330199101", taken, "village")).toBe("330199101203");
    expect(nextFreeDistrictCode("330199101", taken, "community")).toBe("330199101003");
    expect(nextFreeDistrictCode("330199101", [], "village")).toBe("330199101200");
    expect(nextFreeDistrictCode("330199101", ["330199101199"], "community")).toBe("330199101001");
    const full = Array.from({ length: 199 }, (_, i) => `330199101${String(i + 1).padStart(3, "0")}`);
    expect(nextFreeDistrictCode("330199101", full, "community")).toBeNull();
  });
});
