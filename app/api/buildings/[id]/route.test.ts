import { describe, expect, it } from "vitest";
import { setUpEditTownshipDatabase } from "@/db/edit-test-fixture";
import { GET } from "./route";

setUpEditTownshipDatabase("building");

const get = (id: string) => GET(new Request(`http://localhost/api/buildings/${id}`), { params: Promise.resolve({ id }) });

describe("GET /api/buildings/{id}", () => {
  it("answers the building with its version and its housing units", async () => {
    const response = await get("1");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = await response.json();
    expect(body.buildings).toHaveLength(1);
    expect(body.buildings[0]).toMatchObject({ type: "building", id: 1, version: 1, floors: 2, use: "residential" });
    expect(body.housingUnits).toEqual([expect.objectContaining({ type: "housing_unit", buildingId: 1, unitNumber: "101", households: 1, persons: 3 })]);
  });

  it("answers 404 for a missing building and 400 for a bad id, with a clear error", async () => {
    const missing = await get("999");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { rule: "not_found", place: "building/999", message: "Building 999 does not exist" } });
    for (const bad of ["abc", "-1", "0", "1.5", "99999999999999999999"]) {
      const response = await get(bad);
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error).toMatchObject({ rule: "bad_id", place: "id" });
    }
  });
});
