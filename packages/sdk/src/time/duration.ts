import { ConfigError } from "../errors/index.js";

/**
 * A length of time. At least one unit must be given; the others default to
 * 0. Every field is a finite number ≥ 0, and the total is rounded up to whole
 * seconds.
 *
 * @example { minutes: 5 }
 * @example { hours: 1, minutes: 30 }
 */
export type Duration =
  | { days: number; hours?: number; minutes?: number; seconds?: number }
  | { hours: number; minutes?: number; seconds?: number }
  | { minutes: number; seconds?: number }
  | { seconds: number };

/** Longest wait or delay the service accepts: 366 days, in seconds. */
export const MAX_DURATION_SECONDS = 31_622_400;
/** Shortest wait or delay the service accepts, in seconds. */
export const MIN_DURATION_SECONDS = 1;

const UNIT_SECONDS: Readonly<Record<string, number>> = { days: 86_400, hours: 3_600, minutes: 60, seconds: 1 };
const ACCEPTED = "an object with days, hours, minutes and/or seconds (or milliseconds alone), each a finite number >= 0";

/** JSON for a message, keeping NaN, Infinity, BigInt and undefined visible. */
function show(value: unknown): string {
  try {
    const json = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === "number" && !Number.isFinite(v)) return String(v);
      if (typeof v === "bigint") return `${v}n`;
      if (v === undefined) return "undefined";
      return v;
    });
    return json ?? String(value);
  } catch {
    return String(value);
  }
}

function invalid(field: string, value: unknown, accepted: string): ConfigError {
  return new ConfigError("INVALID_DURATION", `Invalid duration for ${field}: received ${show(value)}; expected ${accepted}`, field);
}

// Totals such as { hours: 0.1 } come out a hair above the whole number in
// floating point (360.00000000000006); without this slack they would round
// up a full extra second.
function ceilSeconds(total: number): number {
  const slack = Math.max(1e-9, total * 1e-12);
  return Math.max(0, Math.ceil(total - slack));
}

/**
 * Total seconds of `d`, rounded up to a whole number; `{ milliseconds }`
 * gives `ceil(ms / 1000)`.
 *
 * @param field - the option or argument being read, for the error message
 * @throws ConfigError `INVALID_DURATION` when `d` is not an object, has no
 *   known unit, has an unknown key, or a field that is not a finite
 *   number ≥ 0. The message names `field`, the value received and what is
 *   accepted.
 */
export function durationToSeconds(d: Duration | { milliseconds: number }, field: string): number {
  if (typeof d !== "object" || d === null || Array.isArray(d)) throw invalid(field, d, ACCEPTED);
  const entries = Object.entries(d).filter(([, v]) => v !== undefined);
  if (entries.length === 0) throw invalid(field, d, ACCEPTED);
  for (const [key, value] of entries) {
    const known = key === "milliseconds" ? entries.length === 1 : key in UNIT_SECONDS;
    if (!known || typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw invalid(field, d, ACCEPTED);
    }
  }
  let total = 0;
  for (const [key, value] of entries as [string, number][]) {
    total += key === "milliseconds" ? value / 1000 : value * (UNIT_SECONDS[key] ?? 0);
  }
  if (!Number.isFinite(total)) throw invalid(field, d, ACCEPTED);
  return ceilSeconds(total);
}

/**
 * Seconds of a `wait` (or other service duration that must be in range):
 * {@link durationToSeconds}, which must then be within
 * 1 … 31,622,400 seconds (366 days). A fraction rounds up (`{ seconds: 0.5 }`
 * is 1 s); zero is rejected.
 *
 * @throws ConfigError `INVALID_DURATION` naming `field`, the value and the range.
 */
export function waitSeconds(d: Duration, field: string): number {
  const seconds = durationToSeconds(d, field);
  if (seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
    throw invalid(field, d, `a duration from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS} seconds (366 days); this one is ${seconds} s`);
  }
  return seconds;
}

/**
 * Rounds `seconds` up and clamps it into 1 … 31,622,400, for delays the SDK
 * computes itself (retry and condition delays). NaN gives 1.
 */
export function clampDelaySeconds(seconds: number): number {
  if (Number.isNaN(seconds)) return MIN_DURATION_SECONDS;
  return Math.min(MAX_DURATION_SECONDS, Math.max(MIN_DURATION_SECONDS, Math.ceil(seconds)));
}
