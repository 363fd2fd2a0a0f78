-- R*Tree spatial index per geometry table, kept in step with the bbox columns by triggers.
-- Rows without a bbox (virtual small areas) are left out of the index.
CREATE VIRTUAL TABLE `districts_rtree` USING rtree(id, min_lon, max_lon, min_lat, max_lat);
--> statement-breakpoint
CREATE TRIGGER `districts_rtree_insert` AFTER INSERT ON `districts` WHEN NEW.min_lon IS NOT NULL BEGIN
  INSERT INTO `districts_rtree` VALUES (NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat);
END;
--> statement-breakpoint
CREATE TRIGGER `districts_rtree_update` AFTER UPDATE OF min_lon, min_lat, max_lon, max_lat ON `districts` BEGIN
  DELETE FROM `districts_rtree` WHERE id = OLD.id;
  INSERT INTO `districts_rtree` SELECT NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat WHERE NEW.min_lon IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `districts_rtree_delete` AFTER DELETE ON `districts` BEGIN
  DELETE FROM `districts_rtree` WHERE id = OLD.id;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `small_areas_rtree` USING rtree(id, min_lon, max_lon, min_lat, max_lat);
--> statement-breakpoint
CREATE TRIGGER `small_areas_rtree_insert` AFTER INSERT ON `small_areas` WHEN NEW.min_lon IS NOT NULL BEGIN
  INSERT INTO `small_areas_rtree` VALUES (NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat);
END;
--> statement-breakpoint
CREATE TRIGGER `small_areas_rtree_update` AFTER UPDATE OF min_lon, min_lat, max_lon, max_lat ON `small_areas` BEGIN
  DELETE FROM `small_areas_rtree` WHERE id = OLD.id;
  INSERT INTO `small_areas_rtree` SELECT NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat WHERE NEW.min_lon IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `small_areas_rtree_delete` AFTER DELETE ON `small_areas` BEGIN
  DELETE FROM `small_areas_rtree` WHERE id = OLD.id;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `buildings_rtree` USING rtree(id, min_lon, max_lon, min_lat, max_lat);
--> statement-breakpoint
CREATE TRIGGER `buildings_rtree_insert` AFTER INSERT ON `buildings` WHEN NEW.min_lon IS NOT NULL BEGIN
  INSERT INTO `buildings_rtree` VALUES (NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat);
END;
--> statement-breakpoint
CREATE TRIGGER `buildings_rtree_update` AFTER UPDATE OF min_lon, min_lat, max_lon, max_lat ON `buildings` BEGIN
  DELETE FROM `buildings_rtree` WHERE id = OLD.id;
  INSERT INTO `buildings_rtree` SELECT NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat WHERE NEW.min_lon IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `buildings_rtree_delete` AFTER DELETE ON `buildings` BEGIN
  DELETE FROM `buildings_rtree` WHERE id = OLD.id;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `reference_features_rtree` USING rtree(id, min_lon, max_lon, min_lat, max_lat);
--> statement-breakpoint
CREATE TRIGGER `reference_features_rtree_insert` AFTER INSERT ON `reference_features` WHEN NEW.min_lon IS NOT NULL BEGIN
  INSERT INTO `reference_features_rtree` VALUES (NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat);
END;
--> statement-breakpoint
CREATE TRIGGER `reference_features_rtree_update` AFTER UPDATE OF min_lon, min_lat, max_lon, max_lat ON `reference_features` BEGIN
  DELETE FROM `reference_features_rtree` WHERE id = OLD.id;
  INSERT INTO `reference_features_rtree` SELECT NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat WHERE NEW.min_lon IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `reference_features_rtree_delete` AFTER DELETE ON `reference_features` BEGIN
  DELETE FROM `reference_features_rtree` WHERE id = OLD.id;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `admin_units_rtree` USING rtree(id, min_lon, max_lon, min_lat, max_lat);
--> statement-breakpoint
CREATE TRIGGER `admin_units_rtree_insert` AFTER INSERT ON `admin_units` WHEN NEW.min_lon IS NOT NULL BEGIN
  INSERT INTO `admin_units_rtree` VALUES (NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat);
END;
--> statement-breakpoint
CREATE TRIGGER `admin_units_rtree_update` AFTER UPDATE OF min_lon, min_lat, max_lon, max_lat ON `admin_units` BEGIN
  DELETE FROM `admin_units_rtree` WHERE id = OLD.id;
  INSERT INTO `admin_units_rtree` SELECT NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat WHERE NEW.min_lon IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `admin_units_rtree_delete` AFTER DELETE ON `admin_units` BEGIN
  DELETE FROM `admin_units_rtree` WHERE id = OLD.id;
END;
--> statement-breakpoint
-- The change log is append-only.
CREATE TRIGGER `change_log_no_update` BEFORE UPDATE ON `change_log` BEGIN
  SELECT RAISE(ABORT, 'change_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `change_log_no_delete` BEFORE DELETE ON `change_log` BEGIN
  SELECT RAISE(ABORT, 'change_log is append-only');
END;
