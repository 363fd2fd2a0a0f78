import type { CoverageInput } from "@/lib/coverage/types";
import type { SyntheticCounty } from "./synthetic-county";

/**
 * Used by the "re-check one district after an edit" timing of `bin/bench-coverage.ts`: the input of one
 * district of a synthetic county — the district, its small areas and the buildings generated in it (gap and
 * edge buildings included), without the county container (districts are not re-tiled on such a re-check).
 */
export function districtInput(county: SyntheticCounty, districtIndex: number): CoverageInput {
  const district = county.input.districts[districtIndex];
  const buildings = county.input.buildings ?? [];
  return {
    container: null,
    districts: [district],
    smallAreas: county.input.smallAreas.filter((a) => a.district === district.code),
    buildings: buildings.filter((_, k) => county.buildingDistricts[k] === districtIndex),
  };
}
