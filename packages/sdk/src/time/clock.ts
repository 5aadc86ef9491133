/**
 * A source of the current time. The SDK reads time only through a `Clock`,
 * so tests can pass a virtual one.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The real clock: `Date.now()`. */
export const systemClock: Clock = Object.freeze({ now: (): number => Date.now() });
