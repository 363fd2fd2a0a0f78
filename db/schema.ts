/**
 * The database schema of Tessera (drizzle, SQLite). Every editable row has a `version` that writes check;
 * geometry is GeoJSON (lon/lat) in a text column with bbox columns, indexed by R*Tree tables that the
 * custom migration `*_spatial_index.sql` keeps in step with triggers; the change log is append-only.
 */
import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Geometry, LineString, Point, Polygon } from "geojson";
import type { AreaGeometry } from "@/lib/domain/types";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

const versioned = {
  version: integer("version").notNull().default(1),
  updatedAt: text("updated_at").notNull().default(now),
};

const bbox = {
  minLon: real("min_lon"),
  minLat: real("min_lat"),
  maxLon: real("max_lon"),
  maxLat: real("max_lat"),
};

/** One census (e.g. the 2030 census): reference moment, size band, tolerances of the checks. */
export const censuses = sqliteTable("censuses", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  referenceMoment: text("reference_moment").notNull(),
  targetHouseholds: integer("target_households").notNull().default(80),
  minHouseholds: integer("min_households").notNull().default(50),
  maxHouseholds: integer("max_households").notNull().default(120),
  targetPersons: integer("target_persons").notNull().default(250),
  minPersons: integer("min_persons").notNull().default(150),
  maxPersons: integer("max_persons").notNull().default(380),
  /** gaps and overlaps smaller than this are not reported (m²) */
  minDefectAreaM2: real("min_defect_area_m2").notNull().default(1),
  /** a piece thinner than this (m) is a sliver */
  sliverWidthM: real("sliver_width_m").notNull().default(2),
  ...versioned,
});

/** Counties and townships (乡镇/街道) with their statistical codes (6 and 9 digits). */
export const adminUnits = sqliteTable(
  "admin_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    censusId: integer("census_id").notNull().references(() => censuses.id),
    parentId: integer("parent_id"),
    level: text("level", { enum: ["county", "township"] }).notNull(),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    geometry: text("geometry", { mode: "json" }).$type<AreaGeometry | null>(),
    ...bbox,
    ...versioned,
  },
  (t) => [uniqueIndex("admin_units_census_code").on(t.censusId, t.code), index("admin_units_parent").on(t.parentId)],
);

/** Census districts (普查区), 12-digit code; tile their township. */
export const districts = sqliteTable(
  "districts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    townshipId: integer("township_id").notNull().references(() => adminUnits.id),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    kind: text("kind", { enum: ["community", "village"] }).notNull().default("village"),
    geometry: text("geometry", { mode: "json" }).$type<AreaGeometry>().notNull(),
    ...bbox,
    ...versioned,
  },
  (t) => [uniqueIndex("districts_code").on(t.code), index("districts_township").on(t.townshipId)],
);

/** Small areas (普查小区): 3-digit code inside their district; virtual ones (900+) have no territory. */
export const smallAreas = sqliteTable(
  "small_areas",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    districtId: integer("district_id").notNull().references(() => districts.id),
    code: text("code").notNull(),
    name: text("name"),
    isVirtual: integer("is_virtual", { mode: "boolean" }).notNull().default(false),
    geometry: text("geometry", { mode: "json" }).$type<AreaGeometry | null>(),
    status: text("status", { enum: ["draft", "submitted", "approved", "returned", "confirmed", "ready"] })
      .notNull()
      .default("draft"),
    badImagery: integer("bad_imagery", { mode: "boolean" }).notNull().default(false),
    notes: text("notes"),
    ...bbox,
    ...versioned,
  },
  (t) => [uniqueIndex("small_areas_district_code").on(t.districtId, t.code)],
);

/** Buildings (建筑物) marked on the imagery; `smallAreaId` is derived (the area the building lies in). */
export const buildings = sqliteTable(
  "buildings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    districtId: integer("district_id").references(() => districts.id),
    smallAreaId: integer("small_area_id").references(() => smallAreas.id, { onDelete: "set null" }),
    number: integer("number"),
    use: text("use", {
      enum: ["residential", "mixed", "school", "factory", "shop", "office", "hospital", "restricted", "other"],
    })
      .notNull()
      .default("residential"),
    name: text("name"),
    nameEn: text("name_en"),
    floors: integer("floors").notNull().default(1),
    notes: text("notes"),
    geometry: text("geometry", { mode: "json" }).$type<Point | Polygon>().notNull(),
    ...bbox,
    ...versioned,
  },
  (t) => [index("buildings_small_area").on(t.smallAreaId), index("buildings_district").on(t.districtId)],
);

/** Housing units (住房单元) of a building; `smallAreaId` set only when a large building is split across areas. */
export const housingUnits = sqliteTable(
  "housing_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    buildingId: integer("building_id")
      .notNull()
      .references(() => buildings.id, { onDelete: "cascade" }),
    smallAreaId: integer("small_area_id").references(() => smallAreas.id, { onDelete: "set null" }),
    unitNumber: text("unit_number").notNull(),
    floor: integer("floor"),
    entrance: text("entrance"),
    status: text("status", { enum: ["occupied", "vacant", "collective", "away", "other"] })
      .notNull()
      .default("occupied"),
    households: integer("households").notNull().default(0),
    persons: integer("persons").notNull().default(0),
    ...versioned,
  },
  (t) => [index("housing_units_building").on(t.buildingId), index("housing_units_small_area").on(t.smallAreaId)],
);

/** Reference features for orientation: roads, rivers, water, farmland, landmarks. */
export const referenceFeatures = sqliteTable(
  "reference_features",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    adminUnitId: integer("admin_unit_id").references(() => adminUnits.id),
    kind: text("kind", { enum: ["road", "river", "water", "farmland", "landmark"] }).notNull(),
    subkind: text("subkind"),
    name: text("name"),
    nameEn: text("name_en"),
    widthM: real("width_m"),
    geometry: text("geometry", { mode: "json" }).$type<Point | LineString | Polygon | Geometry>().notNull(),
    ...bbox,
    ...versioned,
  },
  (t) => [index("reference_features_kind").on(t.kind)],
);

/** Imagery sources: the demo MBTiles, tile services (XYZ/TMS/WMS), PMTiles, GeoTIFF. */
export const imagerySources = sqliteTable("imagery_sources", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["mbtiles", "xyz", "tms", "wms", "pmtiles", "cog"] }).notNull(),
  /** file path for mbtiles/pmtiles/cog, URL template otherwise */
  location: text("location").notNull(),
  attribution: text("attribution"),
  minZoom: integer("min_zoom").notNull().default(0),
  maxZoom: integer("max_zoom").notNull().default(18),
  /** name of the environment variable holding the key (never the key itself) */
  keyEnv: text("key_env"),
  isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
  offsetX: real("offset_x").notNull().default(0),
  offsetY: real("offset_y").notNull().default(0),
  bounds: text("bounds", { mode: "json" }).$type<[number, number, number, number] | null>(),
  ...versioned,
});

/** People: admin, office, mapper, guide, enumerator, auditor. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ["admin", "office", "mapper", "guide", "enumerator", "auditor"] }).notNull(),
    passwordHash: text("password_hash"),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull().default(now),
    ...versioned,
  },
  (t) => [uniqueIndex("users_username").on(t.username)],
);

/** Who works where: districts to mappers and guides, small areas to enumerators. */
export const assignments = sqliteTable(
  "assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["mapper", "guide", "enumerator", "office"] }).notNull(),
    districtId: integer("district_id").references(() => districts.id, { onDelete: "cascade" }),
    smallAreaId: integer("small_area_id").references(() => smallAreas.id, { onDelete: "cascade" }),
    adminUnitId: integer("admin_unit_id").references(() => adminUnits.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(now),
    createdBy: integer("created_by").references(() => users.id),
  },
  (t) => [index("assignments_user").on(t.userId), index("assignments_district").on(t.districtId)],
);

/** Review and confirmation events of a small area (submit, approve, return, confirm), with a pinned comment. */
export const reviewEvents = sqliteTable(
  "review_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    smallAreaId: integer("small_area_id")
      .notNull()
      .references(() => smallAreas.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id),
    action: text("action", { enum: ["submit", "approve", "return", "confirm", "release", "reopen", "flag_imagery"] }).notNull(),
    fromStatus: text("from_status").notNull(),
    toStatus: text("to_status").notNull(),
    comment: text("comment"),
    lon: real("lon"),
    lat: real("lat"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("review_events_small_area").on(t.smallAreaId)],
);

/**
 * Append-only log of every write: one row per entity put or delete, grouped by `changeId` (one gesture).
 * Triggers in the custom migration forbid UPDATE and DELETE.
 */
export const changeLog = sqliteTable(
  "change_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    changeId: text("change_id").notNull(),
    at: text("at").notNull().default(now),
    userId: integer("user_id"),
    label: text("label").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: integer("entity_id").notNull(),
    op: text("op", { enum: ["put", "delete"] }).notNull(),
    baseVersion: integer("base_version"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
  },
  (t) => [index("change_log_change").on(t.changeId), index("change_log_entity").on(t.entityType, t.entityId)],
);

/**
 * Signed-in sessions (issue #6). The id is the SHA-256 of the cookie's random token, so a copy of the
 * database does not hold usable cookies. `lastSeenAt` drives the idle timeout, `expiresAt` the absolute one.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(now),
    lastSeenAt: text("last_seen_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * Append-only audit trail (issue #6): sign-ins and their failures, permission refusals, every write, every
 * view or export of housing-unit data. Who (id, name and role at the time), what, on which record, when (UTC),
 * from where. Triggers in a custom migration refuse UPDATE and DELETE. Never holds a household value.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(now),
    userId: integer("user_id"),
    username: text("username"),
    role: text("role"),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: ["ok", "refused", "failed"] }).notNull().default("ok"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: text("detail"),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at").on(t.at), index("audit_log_action_at").on(t.action, t.at), index("audit_log_user").on(t.userId)],
);
