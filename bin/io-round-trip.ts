/**
 * The round-trip table of issue #8: every layer of a database (default: the seeded demo, `--db PATH`) exported
 * in every format with `writeVectorFile` and read back with `readVectorFile`, compared feature by feature
 * (`lib/io/formats/round-trip.ts`). Prints a Markdown table; exit 1 when a count, a coordinate (> 1e-7°) or an
 * attribute differs. Run: `npx tsx bin/io-round-trip.ts [--db data/tessera.db]`.
 */
import { parseArgs } from "node:util";
import { databasePath, openDatabase } from "@/db/client";
import { EXPORT_LAYERS, exportData } from "@/db/export-queries";
import { roundTrip } from "@/lib/io/formats/round-trip";
import { VECTOR_FORMATS } from "@/lib/io/formats/types";

const { values } = parseArgs({ options: { db: { type: "string" } } });
const db = openDatabase(values.db ?? databasePath(), { readonly: true });
const lines = ["| layer | format | features written / read | max coordinate error (°) | attributes | size |", "|---|---|---|---|---|---|"];
let bad = 0;
for (const layer of EXPORT_LAYERS) {
  const data = exportData(db, layer, { type: "all" }, () => true);
  for (const format of VECTOR_FORMATS) {
    const r = await roundTrip(data.features, format, data.fields);
    const ok = r.written === r.read && r.maxError <= 1e-7 && r.attributeDiffs.length === 0;
    if (!ok) bad += 1;
    const attributes = r.attributeDiffs.length ? `${r.attributeDiffs.length} differ (${r.attributeDiffs[0]})` : "equal";
    lines.push(`| ${layer} | ${format} | ${r.written} / ${r.read} | ${r.maxError === 0 ? "0" : r.maxError.toExponential(1)} | ${attributes} | ${Math.ceil(r.bytes / 1024)} KB |`);
  }
}
db.$client.close();
console.log(lines.join("\n"));
process.exitCode = bad ? 1 : 0;
