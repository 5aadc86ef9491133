/** Durations, their limits, and the clock the SDK reads time from. */
export { clampDelaySeconds, durationToSeconds, MAX_DURATION_SECONDS, MIN_DURATION_SECONDS, waitSeconds } from "./duration.js";
export type { Duration } from "./duration.js";
