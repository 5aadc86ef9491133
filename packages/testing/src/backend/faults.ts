/**
 * Fault injection for tests of error paths: the next call(s) of an API fail a chosen way.
 * Faults queue in the order injected; each call consumes at most one.
 */
import { invalidParameter, invalidToken, serviceError, throttled } from "./errors.js";

/** The API a fault applies to. */
export type FaultApi = "checkpoint" | "getState";

/**
 * How the call fails:
 * - `Throttling`: 429 TooManyRequestsException, nothing applied;
 * - `Service`: 500 ServiceException, nothing applied;
 * - `StaleToken`: 400 InvalidParameterValueException "Invalid checkpoint token", nothing applied;
 * - `LostResponse`: the request IS applied, then the caller gets a network-style error (name "TimeoutError");
 * - `InvalidParameter`: 400 InvalidParameterValueException (not a token error), nothing applied.
 */
export type FaultKind = "Throttling" | "Service" | "StaleToken" | "LostResponse" | "InvalidParameter";

/** A fault to inject; `times` defaults to 1. */
export interface FaultSpec {
  api: FaultApi;
  error: FaultKind;
  times?: number;
}

const KINDS: readonly FaultKind[] = ["Throttling", "Service", "StaleToken", "LostResponse", "InvalidParameter"];

/** Queue of pending faults. */
export class FaultInjector {
  private readonly queue: { api: FaultApi; error: FaultKind; remaining: number }[] = [];

  /** Queues a fault; throws a `TypeError` / `RangeError` for an unknown api, kind or count. */
  add(f: FaultSpec): void {
    if (f.api !== "checkpoint" && f.api !== "getState") throw new TypeError(`injectFault: api must be "checkpoint" or "getState", received ${JSON.stringify(f.api)}`);
    if (!KINDS.includes(f.error)) throw new TypeError(`injectFault: error must be one of ${KINDS.join(", ")}, received ${JSON.stringify(f.error)}`);
    const times = f.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`injectFault: times must be a positive integer, received ${times}`);
    this.queue.push({ api: f.api, error: f.error, remaining: times });
  }

  /** Consumes and returns the next fault for `api`, if any. */
  take(api: FaultApi): FaultKind | undefined {
    const i = this.queue.findIndex((q) => q.api === api);
    const entry = this.queue[i];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue.splice(i, 1);
    return entry.error;
  }
}

/** The error of a fault that fails before anything is applied (every kind except LostResponse). */
export function faultError(kind: Exclude<FaultKind, "LostResponse">): Error {
  switch (kind) {
    case "Throttling":
      return throttled();
    case "Service":
      return serviceError();
    case "StaleToken":
      return invalidToken("injected StaleToken fault");
    case "InvalidParameter":
      return invalidParameter("Injected InvalidParameter fault");
  }
}
