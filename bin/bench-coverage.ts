/**
 * `npx tsx bin/bench-coverage.ts [--scale 10] [--json] [--turf-districts 40] [--seed 1] [--check FILE]`: the coverage
 * benchmark. Generates the synthetic county (1×), runs `checkCoverage` from lib/coverage/check.ts when that
 * module exists, the naive Turf baseline (on a subset of districts, extrapolated) and the GEOS baseline, and
 * prints time, memory, ratios, and recall / false positives against the injected truth; then the same for the
 * --scale× county (ours and GEOS only; `--scale 0` skips it) and the median re-check time of one district.
 * Every method gets one warm-up run on a 16-district county first; then each county is timed on a first run,
 * as the median of 5 (10×: 3) more ("warm") and as the median of 7 (10×: 3) after those ("steady", once V8 has
 * finished optimizing). A benchmark, not a test: budgets live in docs/DESIGN, not in assertions.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { CoverageInput, CoverageReport, CoverageSettings } from "@/lib/coverage/types";
import { ISSUE_KINDS } from "@/lib/coverage/types";
import { districtInput } from "@/lib/coverage/bench/district-input";
import { scoreDistricts, type DistrictScore } from "@/lib/coverage/bench/district-score";
import { runGeosBaseline, type GeosBaselineResult } from "@/lib/coverage/bench/geos-baseline";
import { runNaiveTurf, type TurfBaselineResult } from "@/lib/coverage/bench/naive-turf";
import { generateSyntheticCounty, type SyntheticCounty } from "@/lib/coverage/bench/synthetic-county";
import { scoreIssues, type ScoreReport } from "@/lib/coverage/bench/truth";

type CheckCoverage = (input: CoverageInput, settings?: Partial<CoverageSettings>) => CoverageReport;

interface Measured<T> {
  value: T;
  ms: number;
  /** heapUsed after − heapUsed before (GC run before, not after: includes garbage not yet collected) */
  heapDeltaMB: number;
  rssMB: number;
}

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

async function measure<T>(fn: () => T | Promise<T>): Promise<Measured<T>> {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  const mem = process.memoryUsage();
  return { value, ms, heapDeltaMB: (mem.heapUsed - heap0) / 1e6, rssMB: mem.rss / 1e6 };
}

function arg(name: string, fallback: number): number {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && process.argv[k + 1] !== undefined ? Number(process.argv[k + 1]) : fallback;
}

/** `--check FILE` (default lib/coverage/check.ts) lets another implementation be benchmarked the same way. */
async function loadCheck(): Promise<{ check: CheckCoverage | null; file: string }> {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const k = process.argv.indexOf("--check");
  const file = k >= 0 && process.argv[k + 1] ? resolve(process.argv[k + 1]) : join(root, "lib", "coverage", "check.ts");
  if (!existsSync(file)) return { check: null, file };
  const mod = (await import(pathToFileURL(file).href)) as { checkCoverage?: CheckCoverage };
  return { check: mod.checkCoverage ?? null, file };
}

const kindsOf = (scale: number) => (scale === 1 ? "1×" : `${scale}×`);
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(0)}%`);

interface CountyRun {
  scale: number;
  stats: SyntheticCounty["stats"];
  generate: Omit<Measured<unknown>, "value">;
  ours: (Omit<Measured<unknown>, "value"> & { score: ScoreReport }) | null;
  geos: Omit<Measured<unknown>, "value"> & { result: GeosBaselineResult; areas: DistrictScore; districts: DistrictScore };
  turf?: Omit<Measured<unknown>, "value"> & { result: TurfBaselineResult; score: DistrictScore };
  /** medians of further runs on the same county, once both are warm (JIT for ours, WASM for GEOS) */
  steady?: {
    runs: number;
    oursMs: number | null;
    geosMs: number;
    /**
     * medians of `laterRuns` runs after those: V8 takes about ten runs of a county to finish optimizing the
     * long loops it first enters by on-stack replacement, so the runs above still include tier-up
     */
    laterRuns: number;
    oursLaterMs: number | null;
    geosLaterMs: number;
    /** ours on the geometry alone (no buildings: GEOS assigns none), after the later runs */
    oursWithoutBuildingsMs: number | null;
  };
}

async function medianMs(runs: number, once: () => Promise<number> | number): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    gc();
    times.push(await once());
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const strip = <T>(m: Measured<T>) => ({ ms: m.ms, heapDeltaMB: m.heapDeltaMB, rssMB: m.rssMB });

async function runCounty(scale: number, seed: number, check: CheckCoverage | null, turfDistricts: number): Promise<{ run: CountyRun; county: SyntheticCounty }> {
  const gen = await measure(() => generateSyntheticCounty({ seed, scale }));
  const county = gen.value;
  const { truth, hardCases } = county;
  let ours: CountyRun["ours"] = null;
  if (check) {
    const m = await measure(() => check(county.input));
    ours = { ...strip(m), score: scoreIssues(truth, m.value.issues, { hardCases }) };
  }
  const g = await measure(() => runGeosBaseline(county.input));
  const geos = {
    ...strip(g),
    ms: g.value.ms,
    result: g.value,
    areas: scoreDistricts(truth, hardCases, g.value.flaggedDistricts, ["gap", "overlap", "invalid_geometry"]),
    districts: scoreDistricts(truth, hardCases, g.value.flaggedDistrictsByDistrictCoverage, ["district_gap", "district_overlap"]),
  };
  const runs = scale === 1 ? 5 : 3;
  const later = scale === 1 ? 7 : 3;
  const oursMs = check ? await medianMs(runs, () => check(county.input).summary.ms) : null;
  const geosMs = await medianMs(runs, async () => (await runGeosBaseline(county.input)).ms);
  const steady = {
    runs,
    oursMs,
    geosMs,
    laterRuns: later,
    oursLaterMs: check ? await medianMs(later, () => check(county.input).summary.ms) : null,
    geosLaterMs: await medianMs(later, async () => (await runGeosBaseline(county.input)).ms),
    oursWithoutBuildingsMs: check ? await medianMs(later, () => check({ ...county.input, buildings: undefined }).summary.ms) : null,
  };
  const run: CountyRun = { scale, stats: county.stats, generate: strip(gen), ours, geos, steady };
  if (turfDistricts > 0) {
    const t = await measure(() => runNaiveTurf(county.input, { districts: turfDistricts }));
    run.turf = {
      ...strip(t),
      ms: t.value.extrapolatedMs,
      result: t.value,
      score: scoreDistricts(truth, hardCases, t.value.flaggedDistricts, ["gap", "overlap", "outside_district", "invalid_geometry"], t.value.subset),
    };
  }
  return { run, county };
}

function recheck(county: SyntheticCounty, check: CheckCoverage): { district: string; smallAreas: number; buildings: number; medianMs: number } {
  const index = Math.floor(county.input.districts.length / 2);
  const input = districtInput(county, index);
  for (let k = 0; k < 5; k++) check(input);
  const times: number[] = [];
  for (let k = 0; k < 50; k++) {
    const t = performance.now();
    check(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { district: input.districts[0].code, smallAreas: input.smallAreas.length, buildings: input.buildings!.length, medianMs: (times[24] + times[25]) / 2 };
}

function printRun(run: CountyRun): void {
  const s = run.stats;
  console.log(
    `\n== ${kindsOf(run.scale)} county: ${fmt(s.districts)} districts, ${fmt(s.smallAreas)} small areas, ${fmt(s.vertices)} vertices, ${fmt(s.buildings)} buildings` +
      ` — generated in ${fmt(run.generate.ms)} ms (heap Δ ${fmt(run.generate.heapDeltaMB)} MB, rss ${fmt(run.generate.rssMB)} MB)\n`,
  );
  const rows: string[][] = [["method", "time ms", "heap Δ MB", "rss MB", "notes"]];
  if (run.ours) rows.push(["checkCoverage (ours)", fmt(run.ours.ms, 1), fmt(run.ours.heapDeltaMB), fmt(run.ours.rssMB), `${fmt(run.ours.score.total.found)} issues`]);
  else rows.push(["checkCoverage (ours)", "—", "—", "—", "lib/coverage/check.ts not found: skipped"]);
  const g = run.geos.result;
  rows.push([
    "GEOS (geos-wasm)",
    fmt(run.geos.ms, 1),
    fmt(run.geos.heapDeltaMB),
    fmt(run.geos.rssMB),
    `convert ${fmt(g.convertMs)} + check ${fmt(g.checkMs)} ms; init ${fmt(g.initMs)} ms not counted; WASM memory ${fmt(g.wasmMB)} MB`,
  ]);
  if (run.turf) {
    const t = run.turf.result;
    rows.push([
      "naive Turf",
      fmt(run.turf.ms),
      fmt(run.turf.heapDeltaMB),
      fmt(run.turf.rssMB),
      t.extrapolated ? `EXTRAPOLATED from ${t.districtsRun}/${t.districtsTotal} districts (${fmt(t.ms)} ms measured)` : "all districts",
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((v, c) => (c === 0 || c === 4 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join("  "));
  if (run.ours) {
    const ratios = [`ours/GEOS = ${(run.ours.ms / run.geos.ms).toFixed(3)}`];
    if (run.turf) ratios.push(`Turf/ours = ${fmt(run.turf.ms / run.ours.ms, 1)}`);
    console.log(`\nratios (first run): ${ratios.join(", ")}`);
    const st = run.steady;
    if (st?.oursMs) {
      const turf = run.turf ? `, Turf/ours = ${fmt(run.turf.ms / st.oursMs, 1)}` : "";
      console.log(`warm (median of ${st.runs} more runs each): ours ${fmt(st.oursMs, 1)} ms, GEOS ${fmt(st.geosMs, 1)} ms — ours/GEOS = ${(st.oursMs / st.geosMs).toFixed(3)}${turf}`);
      if (st.oursLaterMs !== null) {
        console.log(
          `steady (median of ${st.laterRuns} runs after those): ours ${fmt(st.oursLaterMs, 1)} ms, GEOS ${fmt(st.geosLaterMs, 1)} ms — ours/GEOS = ${(st.oursLaterMs / st.geosLaterMs).toFixed(3)}, Turf/ours = ${run.turf ? fmt(run.turf.ms / st.oursLaterMs, 1) : "—"}`,
        );
      }
      if (st.oursWithoutBuildingsMs !== null) {
        console.log(
          `steady, geometry checks only (no building assignment, which GEOS does not do): ours ${fmt(st.oursWithoutBuildingsMs, 1)} ms — ours/GEOS = ${(st.oursWithoutBuildingsMs / st.geosLaterMs).toFixed(3)}`,
        );
      }
    }
  }
  if (run.ours) {
    const sc = run.ours.score;
    console.log("\nours against the truth (match: kind + district + codes, and within 50 m for located kinds)\n");
    console.log(`${"kind".padEnd(20)} ${"expected".padStart(8)} ${"found".padStart(7)} ${"matched".padStart(7)} ${"recall".padStart(6)} ${"FP".padStart(6)} ${"tolerated".padStart(9)}`);
    for (const k of ISSUE_KINDS) {
      const v = sc.byKind[k];
      if (v.expected === 0 && v.found === 0) continue;
      console.log(`${k.padEnd(20)} ${String(v.expected).padStart(8)} ${String(v.found).padStart(7)} ${String(v.matched).padStart(7)} ${pct(v.recall).padStart(6)} ${String(v.falsePositives).padStart(6)} ${String(v.tolerated).padStart(9)}`);
    }
    const hard = Object.entries(sc.falsePositivesAtHardCases).map(([k, n]) => `${k} ${n}`).join(", ");
    console.log(`total: ${sc.total.matched}/${sc.total.expected} matched, ${sc.total.falsePositives} false positives${hard ? ` (at hard cases: ${hard})` : ""}`);
  }
  const line = (name: string, d: DistrictScore) =>
    `${name}: ${d.detected}/${d.expected} districts detected (${pct(d.recall)}), ${d.falseAlarms} false-alarm districts (${d.falseAlarmsAtHardCases} of them at T-junctions / float noise / holes)`;
  console.log("\nbaselines, district level (they do not type or locate issues):");
  console.log(line("  GEOS small areas (gap, overlap, invalid)", run.geos.areas));
  console.log(line("  GEOS districts (district_gap, district_overlap)", run.geos.districts));
  if (run.turf) console.log(line(`  Turf on ${run.turf.result.districtsRun} districts (gap, overlap, outside, invalid)`, run.turf.score));
}

async function main() {
  const json = process.argv.includes("--json");
  const bigScale = arg("scale", 10);
  const seed = arg("seed", 1);
  const turfDistricts = arg("turf-districts", 40);
  const { check, file } = await loadCheck();
  const out: Record<string, unknown> = { checkCoverage: check ? file : null };

  // one warm-up run of each method on a 16-district county, so that no method is timed while its JIT is cold
  const warm = generateSyntheticCounty({ seed: seed + 1, districts: 16, buildings: 2000 });
  if (check) check(warm.input);
  await runGeosBaseline(warm.input);
  runNaiveTurf(warm.input, { districts: 2 });

  const small = await runCounty(1, seed, check, turfDistricts);
  out.county1 = small.run;
  if (check) out.recheckOneDistrict = recheck(small.county, check);
  if (!json) {
    console.log("Tessera coverage bench");
    console.log(check ? `checkCoverage: ${file}` : `checkCoverage: ${file} does not exist yet (or exports no checkCoverage) — skipped, baselines only`);
    printRun(small.run);
  }
  small.county.input.buildings = [];

  if (bigScale > 0) {
    const big = await runCounty(bigScale, seed, check, 0);
    out.countyBig = big.run;
    const ratio = {
      ours: big.run.ours && small.run.ours ? big.run.ours.ms / small.run.ours.ms : null,
      geos: big.run.geos.ms / small.run.geos.ms,
      generate: big.run.generate.ms / small.run.generate.ms,
    };
    out.bigOverSmall = ratio;
    if (!json) {
      printRun(big.run);
      console.log(
        `\n${bigScale}×/1× time (first runs): ours ${ratio.ours === null ? "—" : ratio.ours.toFixed(1)}, GEOS ${ratio.geos.toFixed(1)}, generation ${ratio.generate.toFixed(1)}`,
      );
      const a = small.run.steady, b = big.run.steady;
      if (a?.oursMs && b?.oursMs) console.log(`${bigScale}×/1× time (warm medians): ours ${(b.oursMs / a.oursMs).toFixed(1)}, GEOS ${(b.geosMs / a.geosMs).toFixed(1)}`);
      if (a?.oursLaterMs && b?.oursLaterMs) console.log(`${bigScale}×/1× time (steady medians): ours ${(b.oursLaterMs / a.oursLaterMs).toFixed(1)}, GEOS ${(b.geosLaterMs / a.geosLaterMs).toFixed(1)}`);
    }
  }
  if (!json) {
    const r = out.recheckOneDistrict as ReturnType<typeof recheck> | undefined;
    console.log(
      r
        ? `\nre-check one district (${r.district}: ${r.smallAreas} small areas, ${fmt(r.buildings)} buildings): median of 50 runs ${r.medianMs.toFixed(2)} ms`
        : "\nre-check one district: skipped (no checkCoverage)",
    );
  } else {
    const lists = new Set(["flaggedDistricts", "flaggedDistrictsByDistrictCoverage", "subset", "falsePositives"]);
    const replacer = (key: string, v: unknown) => {
      if (lists.has(key) && Array.isArray(v)) return v.length;
      if (key === "missed" && Array.isArray(v)) return (v as { id: number; kind: string; district: string }[]).map((t) => `${t.id}:${t.kind}@${t.district}`);
      return v;
    };
    console.log(JSON.stringify(out, replacer, 2));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
