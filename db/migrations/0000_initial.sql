CREATE TABLE `admin_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`census_id` integer NOT NULL,
	`parent_id` integer,
	`level` text NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`geometry` text,
	`min_lon` real,
	`min_lat` real,
	`max_lon` real,
	`max_lat` real,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`census_id`) REFERENCES `censuses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admin_units_census_code` ON `admin_units` (`census_id`,`code`);--> statement-breakpoint
CREATE INDEX `admin_units_parent` ON `admin_units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`district_id` integer,
	`small_area_id` integer,
	`admin_unit_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`small_area_id`) REFERENCES `small_areas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`admin_unit_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_user` ON `assignments` (`user_id`);--> statement-breakpoint
CREATE INDEX `assignments_district` ON `assignments` (`district_id`);--> statement-breakpoint
CREATE TABLE `buildings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`district_id` integer,
	`small_area_id` integer,
	`number` integer,
	`use` text DEFAULT 'residential' NOT NULL,
	`name` text,
	`name_en` text,
	`floors` integer DEFAULT 1 NOT NULL,
	`notes` text,
	`geometry` text NOT NULL,
	`min_lon` real,
	`min_lat` real,
	`max_lon` real,
	`max_lat` real,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`small_area_id`) REFERENCES `small_areas`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `buildings_small_area` ON `buildings` (`small_area_id`);--> statement-breakpoint
CREATE INDEX `buildings_district` ON `buildings` (`district_id`);--> statement-breakpoint
CREATE TABLE `censuses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`reference_moment` text NOT NULL,
	`target_households` integer DEFAULT 80 NOT NULL,
	`min_households` integer DEFAULT 50 NOT NULL,
	`max_households` integer DEFAULT 120 NOT NULL,
	`target_persons` integer DEFAULT 250 NOT NULL,
	`min_persons` integer DEFAULT 150 NOT NULL,
	`max_persons` integer DEFAULT 380 NOT NULL,
	`min_defect_area_m2` real DEFAULT 1 NOT NULL,
	`sliver_width_m` real DEFAULT 2 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `change_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`change_id` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`user_id` integer,
	`label` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`op` text NOT NULL,
	`base_version` integer,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `change_log_change` ON `change_log` (`change_id`);--> statement-breakpoint
CREATE INDEX `change_log_entity` ON `change_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `districts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`township_id` integer NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text DEFAULT 'village' NOT NULL,
	`geometry` text NOT NULL,
	`min_lon` real,
	`min_lat` real,
	`max_lon` real,
	`max_lat` real,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `districts_code` ON `districts` (`code`);--> statement-breakpoint
CREATE INDEX `districts_township` ON `districts` (`township_id`);--> statement-breakpoint
CREATE TABLE `housing_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`building_id` integer NOT NULL,
	`small_area_id` integer,
	`unit_number` text NOT NULL,
	`floor` integer,
	`entrance` text,
	`status` text DEFAULT 'occupied' NOT NULL,
	`households` integer DEFAULT 0 NOT NULL,
	`persons` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`small_area_id`) REFERENCES `small_areas`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `housing_units_building` ON `housing_units` (`building_id`);--> statement-breakpoint
CREATE INDEX `housing_units_small_area` ON `housing_units` (`small_area_id`);--> statement-breakpoint
CREATE TABLE `imagery_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`location` text NOT NULL,
	`attribution` text,
	`min_zoom` integer DEFAULT 0 NOT NULL,
	`max_zoom` integer DEFAULT 18 NOT NULL,
	`key_env` text,
	`is_default` integer DEFAULT false NOT NULL,
	`offset_x` real DEFAULT 0 NOT NULL,
	`offset_y` real DEFAULT 0 NOT NULL,
	`bounds` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reference_features` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`admin_unit_id` integer,
	`kind` text NOT NULL,
	`subkind` text,
	`name` text,
	`name_en` text,
	`width_m` real,
	`geometry` text NOT NULL,
	`min_lon` real,
	`min_lat` real,
	`max_lon` real,
	`max_lat` real,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`admin_unit_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reference_features_kind` ON `reference_features` (`kind`);--> statement-breakpoint
CREATE TABLE `review_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`small_area_id` integer NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`comment` text,
	`lon` real,
	`lat` real,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`small_area_id`) REFERENCES `small_areas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_events_small_area` ON `review_events` (`small_area_id`);--> statement-breakpoint
CREATE TABLE `small_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`district_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text,
	`is_virtual` integer DEFAULT false NOT NULL,
	`geometry` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`bad_imagery` integer DEFAULT false NOT NULL,
	`notes` text,
	`min_lon` real,
	`min_lat` real,
	`max_lon` real,
	`max_lat` real,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `small_areas_district_code` ON `small_areas` (`district_id`,`code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username` ON `users` (`username`);