/**
 * The results table: one row per measure, both SDKs side by side, how many times better ours is,
 * and the issue-7 target with its verdict. Rendered as text for the console and as Markdown.
 */
import { formatNumber, formatSummary, type Summary } from "./stats.js";

/** A target of issue 7, judged on one row. */
export type Target =
  /** Ours must be at least `factor` times better than the official SDK. */
  | { kind: "ratio"; factor: number }
  /** Ours must be at most `limit` (in the row's unit). */
  | { kind: "atMost"; limit: number; strict?: boolean };

export interface Row {
  figure: number;
  measure: string;
  unit: string;
  ours: Summary;
  official?: Summary;
  /** Which direction is better for this measure. */
  better: "lower" | "higher";
  target?: Target;
}

export interface Verdict {
  met: boolean;
  text: string;
}

/** How many times better ours is than the official SDK (> 1: ours is better). */
export function advantage(row: Row): number | undefined {
  if (!row.official) return undefined;
  const { median: ours } = row.ours;
  const { median: official } = row.official;
  if (ours === 0 || official === 0) return undefined;
  return row.better === "lower" ? official / ours : ours / official;
}

export function describeTarget(target: Target | undefined, row: Row): string {
  if (!target) return "";
  if (target.kind === "ratio") return `≥ ${target.factor}× better`;
  return `${target.strict ? "<" : "≤"} ${formatNumber(target.limit)} ${row.unit}`;
}

/** Met or missed, and by how much: the value ours needs against the value it has. */
export function judge(row: Row): Verdict | undefined {
  const target = row.target;
  if (!target) return undefined;
  const ours = row.ours.median;
  if (target.kind === "atMost") {
    const met = target.strict ? ours < target.limit : ours <= target.limit;
    if (met) return { met, text: "met" };
    return { met, text: `MISSED: ${formatNumber(ours)} vs ${formatNumber(target.limit)} ${row.unit} (${formatNumber(ours / target.limit)}× over)` };
  }
  const adv = advantage(row);
  if (adv === undefined || !row.official) return { met: false, text: "MISSED: no comparison" };
  if (adv >= target.factor) return { met: true, text: "met" };
  const needed = row.better === "lower" ? row.official.median / target.factor : row.official.median * target.factor;
  const gap = row.better === "lower" ? ours / needed : needed / ours;
  return {
    met: false,
    text: `MISSED: ${formatNumber(adv)}× of ${target.factor}×; needs ${row.better === "lower" ? "≤" : "≥"} ${formatNumber(needed)} ${row.unit}, has ${formatNumber(ours)} (${formatNumber(gap)}× short)`,
  };
}

function cells(row: Row): string[] {
  const adv = advantage(row);
  return [
    String(row.figure),
    row.measure,
    row.unit,
    formatSummary(row.ours),
    row.official ? formatSummary(row.official) : "—",
    adv === undefined ? "—" : `${formatNumber(adv)}×`,
    describeTarget(row.target, row),
    judge(row)?.text ?? "",
  ];
}

const HEADER = ["Fig", "Measure", "Unit", "Ours: median (min–max)", "Official: median (min–max)", "Ours better by", "Target", "Verdict"];

export function renderText(rows: Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i]?.length ?? 0)));
  return table
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function renderMarkdown(rows: Row[]): string {
  const escape = (c: string) => c.replace(/\|/g, "\\|");
  return [
    `| ${HEADER.join(" | ")} |`,
    `|${HEADER.map((_, i) => (i >= 3 && i <= 5 ? "---:" : "---")).join("|")}|`,
    ...rows.map((row) => `| ${cells(row).map(escape).join(" | ")} |`),
  ].join("\n");
}
