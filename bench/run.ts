/**
 * `npm run bench`: every figure of issue 7 for @durable-ts/sdk and the official
 * @aws/durable-execution-sdk-js side by side, in one run; writes the table to docs/performance.md.
 *
 *   npm run bench                      full run (median of 5+, ~8 min on 2 cores), writes docs/performance.md
 *   npm run bench -- --quick           CI smoke: 1 iteration, small sizes, prints only
 *   npm run bench -- --only 1,5        a subset of figures (prints only unless --out)
 *   npm run bench -- --out FILE        write the report to FILE
 *   npm run bench -- --profile         CPU-profile our SDK for every profilable figure, not only misses
 */
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import { OUT_DIR } from "./lib/child.js";
import { now } from "./lib/clock.js";
import { FIGURES, type Figure } from "./lib/figures.js";
import { FULL_PLAN, QUICK_PLAN } from "./lib/plan.js";
import { formatProfile, profileCase } from "./lib/profile.js";
import { judge, renderText, type Row } from "./lib/report.js";
import { versions } from "./lib/sdks.js";
import { writeReport, type ProfileSection, type Report } from "./lib/write-report.js";

interface Options {
  quick: boolean;
  only: Set<number> | undefined;
  out: string | undefined;
  profileAll: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { quick: false, only: undefined, out: undefined, profileAll: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") options.quick = true;
    else if (arg === "--profile") options.profileAll = true;
    else if (arg === "--only") {
      const ids = (argv[++i] ?? "").split(",").map(Number);
      if (ids.length === 0 || ids.some((id) => !FIGURES.some((f) => f.id === id))) {
        throw new TypeError(`--only: expected figure numbers 1–${FIGURES.length} separated by commas, received ${JSON.stringify(argv[i])}`);
      }
      options.only = new Set(ids);
    } else if (arg === "--out") {
      options.out = argv[++i];
      if (!options.out) throw new TypeError("--out: expected a file path");
    } else throw new TypeError(`Unknown option ${JSON.stringify(arg)}; accepted: --quick, --only N[,N…], --out FILE, --profile`);
  }
  return options;
}

const options = parseOptions(process.argv.slice(2));
const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
const figures = FIGURES.filter((f) => !options.only || options.only.has(f.id));
const started = now();
const loadAtStart = os.loadavg();
const log = (message: string) => process.stderr.write(`[${((now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

rmSync(OUT_DIR, { recursive: true, force: true });
mkdirSync(OUT_DIR, { recursive: true });

const rows: Row[] = [];
const notes = new Map<number, string[]>();
const failures: string[] = [];
for (const figure of figures) {
  log(`figure ${figure.id}: ${figure.title}`);
  try {
    const result = await figure.run(plan, log);
    rows.push(...result.rows);
    if (result.notes?.length) notes.set(figure.id, result.notes);
  } catch (error) {
    failures.push(`figure ${figure.id}: ${(error as Error).message}`);
    log(`figure ${figure.id} FAILED: ${(error as Error).message}`);
  }
}

const profiles: ProfileSection[] = [];
const missedFigures = new Set(rows.filter((row) => judge(row)?.met === false).map((row) => row.figure));
const toProfile = figures.filter(
  (f): f is Figure & Required<Pick<Figure, "profile">> => f.profile !== undefined && (options.profileAll || (!options.quick && missedFigures.has(f.id))),
);
for (const figure of toProfile) {
  log(`profiling our SDK for figure ${figure.id}`);
  const spec = figure.profile(plan);
  try {
    const { path, summary } = await profileCase(`figure-${figure.id}`, spec.script, spec.args);
    profiles.push({ figure: figure.id, title: figure.title, case: spec, path, summary });
  } catch (error) {
    failures.push(`profile of figure ${figure.id}: ${(error as Error).message}`);
  }
}

const totalSeconds = (now() - started) / 1000;
const report: Report = {
  plan,
  figures,
  rows,
  notes,
  profiles,
  failures,
  date: new Date(),
  totalSeconds,
  command: options.quick ? "npm run bench -- --quick" : options.only ? `npm run bench -- --only ${[...options.only].join(",")}` : "npm run bench",
  machine: `${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 20)} MiB, ${os.type()} ${os.release()}`,
  node: process.version,
  versions: versions(),
  load: { start: loadAtStart, end: os.loadavg() },
};

console.log(`\n${renderText(rows)}\n`);
for (const [figure, lines] of notes) for (const line of lines) console.log(`(${figure}) ${line}`);
for (const profile of profiles) console.log(`\nFigure ${profile.figure}, our SDK — ${formatProfile(profile.summary).join("\n")}`);
const verdicts = rows.map(judge).filter((v) => v !== undefined);
if (options.quick) console.log("\n--quick: one iteration at smoke sizes; the verdicts are indicative only (the targets are set for the full run).");
console.log(
  `\nTargets: ${verdicts.filter((v) => v.met).length} met, ${verdicts.filter((v) => !v.met).length} missed. ` +
    `Run took ${totalSeconds.toFixed(0)} s; load average ${loadAtStart.map((l) => l.toFixed(1)).join("/")} at start, ${report.load.end.map((l) => l.toFixed(1)).join("/")} at end.`,
);

const target = options.out ?? (options.quick || options.only ? undefined : "docs/performance.md");
if (target) {
  writeReport(target, report);
  console.log(`Report written to ${target}`);
} else console.log("Report not written (pass --out FILE to write it).");
for (const failure of failures) console.error(`FAILED ${failure}`);
process.exitCode = failures.length > 0 ? 1 : 0;
