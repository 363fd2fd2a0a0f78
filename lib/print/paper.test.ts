import { describe, expect, it } from "vitest";
import { paperSizeMm } from "./paper";

describe("paperSizeMm", () => {
  it("gives A4 and A3 in millimetres, swapped for landscape", () => {
    expect(paperSizeMm("A4", "portrait")).toEqual({ width: 210, height: 297 });
    expect(paperSizeMm("A4", "landscape")).toEqual({ width: 297, height: 210 });
    expect(paperSizeMm("A3", "portrait")).toEqual({ width: 297, height: 420 });
    expect(paperSizeMm("A3", "landscape")).toEqual({ width: 420, height: 297 });
  });
});
