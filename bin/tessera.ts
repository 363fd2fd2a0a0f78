/**
 * The Tessera command line: `npm run -s tessera -- <command> [options]`.
 * Commands: seed, list, check, number, renumber, import, export, print, user. Errors go to stderr with exit code 2.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { databasePath, openDatabase } from "@/db/client";
import { getHierarchy, type HierarchyNode } from "@/db/queries";
import { isEmpty, seedDemo } from "@/db/seed";
import { runCheck } from "./check-command";
import { runImport, usesBuildingImport } from "./import-command";
import { runNumber, runRenumber } from "./number-command";

const USAGE = `Usage: npm run -s tessera -- <command> [options]

Commands:
  seed [--force]     create/migrate the database and seed the demo township (only when empty, unless --force)
  list [--json]      print the hierarchy: county, townships, districts, small areas with codes, names and counts
  check --districts D.geojson --areas A.geojson [--buildings B.geojson] [--county C.geojson] [--json] [--lang en|zh]
                     the coverage checks (不重不漏) on GeoJSON files: exit 0 when clean, 1 when issues were found
  check [--db PATH] [--district CODE] [--json] [--lang en|zh]
                     the same on the database (the whole township, or one district)
  number --areas A.geojson [--buildings B.geojson] [--json]
                     number small areas (code, 001… per district) and buildings (number, 1… per small area)
                     from the north-west corner, clockwise (docs/numbering.svg); prints the features with
                     code/number set (--json: {"areas": …, "buildings": …}) or a table of old and new
  renumber --district CODE [--dry-run] [--db PATH] [--json]
                     the same for one district in the database, in one transaction (ids never change);
                     --dry-run only shows what would change
  import --layer buildings --file F [--encoding utf-8|gbk] [--skip-bad] [--json] [--db PATH]
                     import buildings from CSV (lon, lat, use, units, households, persons, name, floors;
                     Chinese headers accepted; UTF-8, else GBK) or GeoJSON (Point/Polygon, same properties):
                     exit 0 imported, 1 bad rows found and nothing imported (--skip-bad imports the good rows
                     and skips them), 2 unreadable file; bad rows print as "line 7: households: not a whole number"
  import --layer districts|small-areas|buildings|reference --file F [--crs EPSG:4527] [--gcj02]
         [--encoding gbk] [--map code=DM,name=MC,...] [--existing skip|replace] [--default-kind KIND]
         [--skip-bad] [--json] [--lang en|zh] [--db PATH]
                     any layer from GeoJSON, a zipped Shapefile (.prj/.cpg), GeoPackage, KML/KMZ, CSV with
                     lon/lat or FlatGeobuf, reprojected to lon/lat; fields guessed from their names (代码, 名称,
                     普查区代码, 户数, 人数 …), --map overrides; existing codes skipped or replaced; all or
                     nothing (--skip-bad imports the good features and leaves out the bad ones), then the
                     coverage checks: exit 0 imported, 1 a feature breaks a rule (printed as
                     "features[3] · code: …", nothing written), 2 unreadable file
  print (--township CODE | --district CODE | --small-area FULLCODE) --out F.pdf [--sheet district]
        [--paper A4|A3] [--landscape] [--imagery] [--lang zh|en] [--db PATH]
                     map sheets as a PDF: one small area's sheet (普查小区图), a district's sheet (--district
                     CODE --sheet district, 普查区图), or every small-area sheet of a township or district with a
                     cover and an index; Chinese unless --lang en; progress on stderr ("12/57 sheets"); needs
                     Chromium (apt-get install chromium fonts-noto-cjk, or CHROMIUM_PATH)
  export --layer districts|small-areas|buildings|reference|housing-units --format geojson|shapefile|geopackage|kml|csv|flatgeobuf
         --out PATH [--district CODE | --township CODE] [--db PATH]
                     one layer as a file a GIS opens (lon/lat, WGS 84): the whole database, one township or one
                     district; shapefiles come zipped with .prj and .cpg (UTF-8), field names cut to 10 bytes;
                     CSV is an attribute table with lon/lat (UTF-8 with BOM); audited as "cli"
  user add|reset|disable|enable|role|list …
                     accounts: add --name N --role R [--display "Name"] (password from stdin), reset --name N
                     (stdin), disable/enable --name N, role --name N --role R, list [--json]; "user --help" for more

Options:
  --db PATH          SQLite database (default: $TESSERA_DB or data/tessera.db)
  -h, --help         show this help`;

class UsageError extends Error {}

function printNode(node: HierarchyNode, depth: number, out: string[]): void {
  const c = node.counts;
  const parts = [
    c.districts !== undefined && node.level !== "district" ? `${c.districts} districts` : null,
    c.smallAreas !== undefined ? `${c.smallAreas} small areas` : null,
    `${c.buildings} buildings`,
    `${c.households} households`,
    `${c.persons} persons`,
  ].filter(Boolean);
  const name = node.level === "small_area" ? (node.nameZh || "") : `${node.nameZh} ${node.nameEn}`;
  out.push(`${"  ".repeat(depth)}${node.code}  ${name}`.trimEnd() + `  (${parts.join(", ")})`);
  for (const child of node.children) printNode(child, depth + 1, out);
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "user") return (await import("./user-command")).runUser(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: "string" },
      json: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      districts: { type: "string" },
      areas: { type: "string" },
      buildings: { type: "string" },
      county: { type: "string" },
      district: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      layer: { type: "string" },
      file: { type: "string" },
      encoding: { type: "string" },
      "skip-bad": { type: "boolean", default: false },
      crs: { type: "string" },
      gcj02: { type: "boolean", default: false },
      map: { type: "string" },
      existing: { type: "string" },
      "default-kind": { type: "string" },
      lang: { type: "string" },
      township: { type: "string" },
      "small-area": { type: "string" },
      sheet: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      paper: { type: "string" },
      landscape: { type: "boolean", default: false },
      imagery: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const dbPath = values.db ? resolve(values.db) : databasePath();
  if (command === "seed") {
    const db = openDatabase(dbPath);
    if (!isEmpty(db) && !values.force) {
      console.log(`${dbPath} already holds data; nothing seeded (use --force to add the demo again).`);
      return 0;
    }
    const report = await seedDemo(db, dbPath, { force: values.force });
    console.log(`Seeded the demo township into ${dbPath} in ${(report.ms / 1000).toFixed(1)} s (${report.imageryTiles ?? 0} imagery tiles).`);
    return 0;
  }
  if (command === "list") {
    if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath} (run \`npm run -s tessera -- seed --db ${dbPath}\` or \`npm start\` first)`);
    const db = openDatabase(dbPath);
    const tree = getHierarchy(db);
    if (values.json) {
      console.log(JSON.stringify(tree, null, 2));
    } else {
      const out: string[] = [];
      for (const county of tree) printNode(county, 0, out);
      console.log(out.length ? out.join("\n") : "The database is empty. Run `npm run -s tessera -- seed`.");
    }
    return 0;
  }
  if (command === "check") {
    const { districts, areas, buildings, county, district, json } = values;
    const lang = values.lang ?? "en";
    if (values.db && (districts || areas)) throw new UsageError("check reads either --db or --districts/--areas, not both");
    return runCheck({ districts, areas, buildings, county, district, json, lang, dbPath });
  }
  if (command === "number") {
    if (values.db || values.districts || values.district) throw new UsageError("number reads --areas (and --buildings) files only; use renumber for the database");
    return runNumber({ areas: values.areas, buildings: values.buildings, json: values.json });
  }
  if (command === "renumber") {
    if (values.areas || values.buildings) throw new UsageError("renumber works on the database (--db, --district); use number for files");
    return runRenumber({ district: values.district, dbPath, dryRun: values["dry-run"], json: values.json });
  }
  if (command === "import") {
    const layerOptions = { crs: values.crs, gcj02: values.gcj02, map: values.map, existing: values.existing, defaultKind: values["default-kind"] };
    if (usesBuildingImport(values.layer, values.file, layerOptions)) {
      return runImport({ layer: values.layer, file: values.file, encoding: values.encoding, skipBad: values["skip-bad"], json: values.json, dbPath });
    }
    const { runLayerImport } = await import("./import-layer-command");
    return runLayerImport({ layer: values.layer, file: values.file, encoding: values.encoding, ...layerOptions, skipBad: values["skip-bad"], json: values.json, lang: values.lang, dbPath });
  }
  if (command === "export") {
    const { runExport } = await import("./export-command");
    return runExport({ layer: values.layer, format: values.format, out: values.out, district: values.district, township: values.township, dbPath });
  }
  if (command === "print") {
    const { township, district, sheet, out, paper, landscape, imagery, lang } = values;
    // loaded only here: it brings playwright-core and pdf-lib
    const { runPrint } = await import("./print-command");
    return runPrint({ township, district, smallArea: values["small-area"], sheet, out, paper, landscape, imagery, lang, dbPath });
  }
  throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
}

main(process.argv.slice(2)).then(
  // exitCode, not exit(): a large --json report piped to another program is written out in full first
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`tessera: ${message}`);
    process.exit(2);
  },
);
