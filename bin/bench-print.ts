/**
 * `npx tsx bin/bench-print.ts`: the print bench (issue #7), run by `npm run bench`. Seeds the demo township
 * (with its imagery) into a temporary database, adds a second township (the demo re-coded 330199102 and moved
 * 5 km east, without imagery) so that one batch holds 100 small-area sheets, prints that batch in real
 * Chromium, and one small-area sheet with and without imagery. Reports time, size and the peak memory of
 * Node and of Chromium. A benchmark, not a test: the budget ("100 sheets: about a minute") is in DESIGN.md.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Position } from "geojson";
import { openDatabase, type Db } from "@/db/client";
import { printBatch, printSmallArea, BATCH_CHUNK_SHEETS } from "@/db/print";
import { smallAreasOf } from "@/db/print-queries";
import { seedDemo } from "@/db/seed";
import { generateDemoTownship } from "@/db/seed/generate-township";
import { insertTownship } from "@/db/seed/insert-township";
import type { DemoTownship } from "@/db/seed/types";
import { closePrintBrowser } from "@/lib/print/render-pdf";
import type { PrintOptions } from "@/lib/print/types";

const SHEETS = 100;
const OPTIONS: PrintOptions = { paper: "A4", orientation: "portrait", imagery: false, locale: "zh", printedAt: "2030-10-15" };
const rows: string[][] = [["step", "time", "notes"]];
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The demo township re-coded (330199101 → 330199102) and moved `dLon` degrees east. */
function secondTownship(dLon: number): DemoTownship {
  const town = generateDemoTownship(1);
  const shift = <T>(value: T): T => {
    const walk = (c: unknown): unknown => (typeof (c as Position)[0] === "number" ? [(c as Position)[0] + dLon, ...(c as Position).slice(1)] : (c as unknown[]).map(walk));
    return JSON.parse(JSON.stringify(value), (key, v) => (key === "coordinates" ? walk(v) : v)) as T;
  };
  const recode = (code: string) => code.replace(/^330199101/, "330199102");
  return shift({
    ...town,
    township: { ...town.township, code: "330199102", nameZh: "白沙镇", nameEn: "Baisha Town" },
    districts: town.districts.map((d) => ({ ...d, code: recode(d.code) })),
    smallAreas: town.smallAreas.map((a) => ({ ...a, districtCode: recode(a.districtCode) })),
    buildings: town.buildings.map((b) => ({ ...b, districtCode: recode(b.districtCode), smallAreaFullCode: b.smallAreaFullCode && recode(b.smallAreaFullCode) })),
  });
}

/** Resident memory (bytes) of this process's descendants (Chromium), from /proc; 0 where /proc is missing. */
function childrenRss(): number {
  try {
    const parent = new Map<number, number>();
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      } catch { /* the process ended */ }
    }
    let total = 0;
    for (const pid of parent.keys()) {
      let p = parent.get(pid);
      while (p && p !== process.pid) p = parent.get(p);
      if (p !== process.pid) continue;
      try {
        const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
        if (m) total += Number(m[1]) * 1024;
      } catch { /* the process ended */ }
    }
    return total;
  } catch {
    return 0;
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "tessera-bench-print-"));
  let peakChromium = 0;
  const sampler = setInterval(() => (peakChromium = Math.max(peakChromium, childrenRss())), 250);
  try {
    const dbPath = join(dir, "print.db");
    const db: Db = openDatabase(dbPath);
    let t = performance.now();
    await seedDemo(db, dbPath);
    const second = insertTownship(db, secondTownship(0.05), null);
    rows.push(["seed two demo townships", `${fmt((performance.now() - t) / 1000, 1)} s`, "the demo (with imagery) and a re-coded copy 5 km east"]);

    const first = db.$client.prepare("SELECT id FROM admin_units WHERE level = 'township' AND code = '330199101'").pluck().get() as number;
    const ids = [...smallAreasOf(db, { type: "township", id: first }), ...smallAreasOf(db, { type: "township", id: second.townshipId })].slice(0, SHEETS);
    const progress: string[] = [];
    t = performance.now();
    const batch = await printBatch(db, { type: "township", id: first }, ids, OPTIONS, (done, total) => progress.push(`${done}/${total} at ${fmt((performance.now() - t) / 1000, 1)} s`));
    const seconds = (performance.now() - t) / 1000;
    rows.push([
      `batch of ${ids.length} small-area sheets (A4)`,
      `${fmt(seconds, 1)} s`,
      `${fmt(seconds / ids.length, 2)} s per sheet; ${batch.pages} pages; ${fmt(batch.pdf.length / 1e6, 1)} MB, ${fmt(batch.pdf.length / 1024 / ids.length)} KB per sheet; chunks of ${BATCH_CHUNK_SHEETS}`,
    ]);
    rows.push(["  progress", "", progress.join(", ")]);

    const one = ids[20];
    for (const imagery of [false, true]) {
      t = performance.now();
      const sheet = await printSmallArea(db, one, { ...OPTIONS, imagery });
      rows.push([`one small-area sheet, ${imagery ? "with" : "without"} imagery`, `${fmt((performance.now() - t) / 1000, 1)} s`, `${fmt(sheet.pdf.length / 1024)} KB, ${sheet.pages} page(s)`]);
    }
    db.$client.close();
  } finally {
    clearInterval(sampler);
    await closePrintBrowser();
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push(["peak memory", "", `Node ${fmt(process.resourceUsage().maxRSS / 1024)} MB RSS; Chromium (all its processes) ${fmt(peakChromium / 1e6)} MB RSS`]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log("\nTessera bench (printed map sheets)\n");
  for (const r of rows) console.log(r.map((v, c) => (c === 2 ? v : v.padEnd(widths[c]))).join("  "));
}

await main();
