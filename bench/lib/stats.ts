/** Median and spread of repeated measurements: the figure is the median, min/max show the noise. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError("summarize: expected at least one sample, received none");
  const sorted = [...samples].sort((a, b) => a - b);
  // `!`: not empty (checked above), and every index below is within it.
  const at = (i: number): number => sorted[i]!;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return { median, min: at(0), max: at(sorted.length - 1), runs: sorted.length };
}

/** What a case recorded for one size of the plan; a size it did not measure is a bench bug. */
export function measuredAt<T>(bySize: Readonly<Record<string, T>>, size: number, what: string): T {
  const value = bySize[size];
  if (value === undefined) throw new Error(`${what}: nothing was measured for size ${size}`);
  return value;
}

/** A value that was measured once (deterministic counts): median = min = max. */
export function exact(value: number): Summary {
  return { median: value, min: value, max: value, runs: 1 };
}

/** Three significant digits, no exponent, thousands separated. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : abs >= 0.1 ? 3 : 4;
  return value.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** "1.23 (1.1–1.4)"; the spread is left out when it is nil (a count) or there was a single run. */
export function formatSummary(s: Summary): string {
  if (s.runs === 1 || s.min === s.max) return formatNumber(s.median);
  return `${formatNumber(s.median)} (${formatNumber(s.min)}–${formatNumber(s.max)})`;
}
