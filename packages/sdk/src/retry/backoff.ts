import { ConfigError, type ErrorClass } from "../errors/index.js";
import { durationToSeconds, MAX_DURATION_SECONDS, MIN_DURATION_SECONDS, type Duration } from "../time/index.js";
import { JitterStrategy } from "./retry-strategy.js";

/**
 * A computed delay after jitter: rounded to whole seconds, at least 1 s and at
 * most the service's maximum.
 *
 * @internal
 */
export function jitteredDelaySeconds(baseSeconds: number, jitter: JitterStrategy, random: () => number): number {
  let d = baseSeconds;
  if (jitter === JitterStrategy.FULL) d = random() * baseSeconds;
  else if (jitter === JitterStrategy.HALF) d = baseSeconds / 2 + (random() * baseSeconds) / 2;
  return Math.min(MAX_DURATION_SECONDS, Math.max(MIN_DURATION_SECONDS, Math.round(d)));
}

function fail(field: string, value: unknown, accepted: string): ConfigError {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return new ConfigError("INVALID_CONFIG", `Invalid ${field}: received ${shown}; expected ${accepted}`, field);
}

/** @internal An integer ≥ 1, or the default when absent. */
export function readAttempts(value: unknown, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw fail(field, value, "an integer >= 1");
  return value;
}

/** @internal A finite number > 0, or the default when absent. */
export function readPositive(value: unknown, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw fail(field, value, "a finite number > 0");
  return value;
}

/** @internal Seconds of a duration (ConfigError `INVALID_DURATION` when invalid), or the default. */
export function readSeconds(value: Duration | undefined, fallback: number, field: string): number {
  return value === undefined ? fallback : durationToSeconds(value, field);
}

/** @internal A {@link JitterStrategy} value, or the default when absent. */
export function readJitter(value: unknown, fallback: JitterStrategy, field: string): JitterStrategy {
  if (value === undefined) return fallback;
  if (!Object.values(JitterStrategy).includes(value as JitterStrategy)) {
    throw fail(field, value, `one of ${Object.values(JitterStrategy).join(", ")}`);
  }
  return value as JitterStrategy;
}

/** @internal An array of strings and RegExps, or undefined. */
export function readPatterns(value: unknown, field: string): (string | RegExp)[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((p) => typeof p === "string" || p instanceof RegExp)) {
    throw fail(field, value, "an array of strings and RegExps");
  }
  return value as (string | RegExp)[];
}

/** @internal An array of error classes, or undefined. */
export function readClasses(value: unknown, field: string): ErrorClass[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((c) => typeof c === "function")) {
    throw fail(field, value, "an array of Error classes");
  }
  return value as ErrorClass[];
}

/** @internal A random source, checked to be a function. */
export function readRandom(value: unknown, field: string): () => number {
  if (value === undefined) return Math.random;
  if (typeof value !== "function") throw fail(field, value, "a function returning a number in [0, 1)");
  return value as () => number;
}
