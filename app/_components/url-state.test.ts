import { describe, expect, it } from "vitest";
import { formatUrlState, parseMapParam } from "./url-state";

describe("url state", () => {
  it("round-trips a view and a selected area", () => {
    const q = formatUrlState({ zoom: 16.5, center: [120.12345, 30.31234] }, 7);
    const params = new URLSearchParams(q);
    expect(params.get("area")).toBe("7");
    expect(parseMapParam(params.get("map"))).toEqual({ zoom: 16.5, center: [120.12345, 30.31234] });
  });
  it("rejects malformed or out-of-range views", () => {
    expect(parseMapParam("16/30.3")).toBeNull();
    expect(parseMapParam("16/95/120")).toBeNull();
    expect(parseMapParam("a/b/c")).toBeNull();
  });
});
