import type { Polygon, Position } from "geojson";
import type { BuildingUse, HousingUnitStatus } from "@/lib/domain/types";
import type { HousingUnitEntity } from "@/lib/edits/types";
import { editBuilding, moveBuilding, placeBuilding } from "@/lib/edits/ops/building";
import { deleteHousingUnit, editHousingUnit, fillHousingUnits } from "@/lib/edits/ops/housing-units";
import type { Gesture } from "./use-editor";

/** Used by the "mark building" tools: a residential building, a point where the user clicked or a drawn footprint. */
export function placeBuildingGesture(position: Position | Polygon): Gesture {
  return (snapshot) => placeBuilding(snapshot, { position });
}

/** Used by the building panel's "move" (click the new place). */
export function moveBuildingGesture(id: number, to: Position): Gesture {
  return (snapshot) => moveBuilding(snapshot, { id, to });
}

/** What the building form edits. */
export interface BuildingFields {
  use: BuildingUse;
  name: string | null;
  nameEn: string | null;
  floors: number;
  notes: string | null;
}

/** Used by the building panel's save. */
export function editBuildingGesture(id: number, fields: BuildingFields): Gesture {
  return (snapshot) => editBuilding(snapshot, { id, ...fields });
}

/** What the quick entry asks: "12 units, all occupied, 1 household (3 persons) each". */
export interface QuickUnits {
  count: number;
  status: HousingUnitStatus;
  households: number;
  persons: number;
}

/** Used by the quick entry of housing units. */
export function fillUnitsGesture(buildingId: number, quick: QuickUnits): Gesture {
  return (snapshot) => fillHousingUnits(snapshot, { buildingId, count: quick.count, status: quick.status, households: quick.households, personsPerUnit: quick.persons });
}

/** What one unit row edits. */
export type UnitFields = Pick<HousingUnitEntity, "unitNumber" | "floor" | "entrance" | "status" | "households" | "persons" | "smallAreaId">;

/** Used by a unit row's save. */
export function editUnitGesture(id: number, fields: UnitFields): Gesture {
  return (snapshot) => editHousingUnit(snapshot, { id, ...fields });
}

/** Used by a unit row's delete. */
export function deleteUnitGesture(id: number): Gesture {
  return (snapshot) => deleteHousingUnit(snapshot, { id });
}
