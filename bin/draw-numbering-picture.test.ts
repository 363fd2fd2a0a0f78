import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drawNumberingPicture, PICTURE_PATH } from "./draw-numbering-picture";

describe("docs/numbering.svg", () => {
  it("is what the numbering rule draws today (regenerate with `npx tsx bin/draw-numbering-picture.ts`)", () => {
    expect(readFileSync(PICTURE_PATH, "utf8")).toBe(drawNumberingPicture());
  });

  it("shows the 3×3 district numbered 001–009 and fifteen numbered buildings", () => {
    const svg = drawNumberingPicture();
    for (let n = 1; n <= 9; n++) expect(svg).toContain(`>00${n}</text>`);
    expect(svg.match(/class="number"/g)).toHaveLength(15);
  });
});
