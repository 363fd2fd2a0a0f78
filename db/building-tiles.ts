/**
 * Building vector tiles: the buildings whose R*Tree bbox meets a tile (and its buffer), encoded as one MVT layer.
 * SQL stays here; the encoding is `lib/io/vector-tile.ts`.
 */
import type { Statement } from "better-sqlite3";
import type { Feature, Point, Polygon } from "geojson";
import { BUILDING_TILES, type BuildingTileProperties } from "@/lib/io/building-tiles";
import { encodeVectorTile, TILE_BUFFER, TILE_EXTENT, type TileAddress } from "@/lib/io/vector-tile";
import type { Bbox } from "@/lib/geo/bbox";
import { bufferedTileBounds } from "@/lib/geo/web-mercator";
import type { Db } from "./client";

type Row = [id: number, number: number | null, use: string, name: string | null, nameEn: string | null, smallAreaId: number | null, geometry: string];

const SELECT = `
  SELECT b.id, b.number, b.use, b.name, b.name_en, b.small_area_id, b.geometry
  FROM buildings_rtree r JOIN buildings b ON b.id = r.id
  WHERE r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?`;

type BboxParams = [west: number, east: number, south: number, north: number];
const statements = new WeakMap<Db, Statement<BboxParams, Row>>();

/**
 * Used by {@link getBuildingTile} (and the bench): the buildings whose bbox meets `bbox`, as GeoJSON features with
 * the tile properties. One R*Tree query; the geometries are parsed with a single `JSON.parse`.
 */
export function getBuildingsInBbox(db: Db, bbox: Bbox): Array<Feature<Point | Polygon, BuildingTileProperties>> {
  let select = statements.get(db);
  if (!select) statements.set(db, (select = db.$client.prepare<BboxParams, Row>(SELECT).raw(true)));
  const rows = select.all(bbox[0], bbox[2], bbox[1], bbox[3]);
  if (!rows.length) return [];
  const geometries = JSON.parse(`[${rows.map((r) => r[6]).join(",")}]`) as Array<Point | Polygon>;
  return rows.map((r, k) => ({
    type: "Feature",
    id: r[0],
    geometry: geometries[k],
    properties: { number: r[1], use: r[2], name: r[3], nameEn: r[4], smallAreaId: r[5] },
  }));
}

/**
 * Used by the building tile route: tile `address` of the buildings layer as MVT bytes, or null when the tile is
 * empty or below `BUILDING_TILES.minZoom` (the map shows per-small-area summaries there).
 */
export function getBuildingTile(db: Db, address: TileAddress): Uint8Array | null {
  if (address.z < BUILDING_TILES.minZoom) return null;
  const features = getBuildingsInBbox(db, bufferedTileBounds(address.x, address.y, address.z, TILE_BUFFER / TILE_EXTENT));
  if (!features.length) return null;
  return encodeVectorTile({ [BUILDING_TILES.layer]: features }, address, { detailZoom: BUILDING_TILES.maxZoom });
}
