/**
 * Step mocks: replace the body of a named step, and nothing else. The SDK still checkpoints START,
 * asks the retry strategy about a mocked error, serialises a mocked result and records history, so
 * a test sees the same operations it would see with the real body.
 *
 * Two seams reach the SDK:
 * - `@durable-ts/sdk` asks the transport carried on the event (`stepBodyOverride`), which the local
 *   runner builds from {@link StepMocks.override};
 * - `@aws/durable-execution-sdk-js` has no such hook, but runs every step attempt through its
 *   plugins' `wrapOperationAttemptFn`: {@link stepMockPlugin} answers there, reading the mocks of the
 *   runner whose invocation is running from an AsyncLocalStorage scope (so parallel runners never
 *   see each other's mocks).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { DurableContextLogger, StepContext } from "@durable-ts/sdk";

/**
 * What a mocked step attempt does: return `result`, throw `error`, or run a replacement body.
 * In an array, entry `n` answers attempt `n + 1` and the last entry answers every later attempt.
 */
export type StepMock<T = unknown> = { result: T } | { error: Error } | ((ctx: StepContext) => Promise<T>);

/** A replacement step body, as the SDK's `stepBodyOverride` seam returns it. */
export type StepBody = (context: unknown) => Promise<unknown>;

/** Which step attempt is about to run (the SDK's `StepBodyInfo`). */
export interface StepAttemptInfo {
  name?: string;
  operationId: string;
  /** 1-based. */
  attempt: number;
  subType: string;
}

/** The step mocks of one runner, by step name. */
export class StepMocks {
  private readonly mocks = new Map<string, readonly StepMock[]>();

  /** Adds or replaces the mocks of step `name`; throws a TypeError naming the bad entry. */
  set(name: string, mock: StepMock | readonly StepMock[]): void {
    if (typeof name !== "string" || name.length === 0) {
      throw new TypeError(`mockStep: name must be a non-empty string, received ${JSON.stringify(name)}`);
    }
    const list = Array.isArray(mock) ? [...mock] : [mock as StepMock];
    if (list.length === 0) throw new TypeError(`stepMocks["${name}"]: expected at least one mock, received an empty array`);
    list.forEach((entry, index) => checkStepMock(entry, Array.isArray(mock) ? `stepMocks["${name}"][${index}]` : `stepMocks["${name}"]`));
    this.mocks.set(name, list);
  }

  /** True when no step is mocked. */
  get empty(): boolean {
    return this.mocks.size === 0;
  }

  /** The replacement body for this attempt, or undefined to run the real one (unmocked name, or not a plain step). */
  override(info: StepAttemptInfo): StepBody | undefined {
    if (info.subType !== "Step" || info.name === undefined) return undefined;
    const list = this.mocks.get(info.name);
    if (!list) return undefined;
    // set() refuses an empty list and the index is clamped to [0, length - 1]: always an entry.
    const mock = list[Math.min(Math.max(info.attempt, 1), list.length) - 1]!;
    if (typeof mock === "function") return mock as StepBody;
    if ("error" in mock) {
      const error = mock.error;
      return async () => {
        throw error;
      };
    }
    const value = mock.result;
    return async () => value;
  }
}

function checkStepMock(mock: unknown, field: string): void {
  if (typeof mock === "function") return;
  const accepted = "{ result }, { error: Error } or an async function (ctx) => result";
  if (typeof mock !== "object" || mock === null) throw new TypeError(`${field}: expected ${accepted}, received ${String(mock)}`);
  const keys = Object.keys(mock);
  if (keys.length !== 1 || (keys[0] !== "result" && keys[0] !== "error")) {
    throw new TypeError(`${field}: expected ${accepted}, received an object with keys [${keys.join(", ")}]`);
  }
  if (keys[0] === "error" && !((mock as { error: unknown }).error instanceof Error)) {
    throw new TypeError(`${field}: "error" must be an Error instance, received ${typeof (mock as { error: unknown }).error}`);
  }
}

const activeMocks = new AsyncLocalStorage<StepMocks>();

/** Runs one invocation of a handler with `mocks` visible to {@link stepMockPlugin}. */
export function withStepMocks<T>(mocks: StepMocks, invoke: () => Promise<T>): Promise<T> {
  return activeMocks.run(mocks, invoke);
}

/** The part of the official SDK's `AttemptInfo` the plugin reads. */
interface OfficialAttemptInfo {
  id: string;
  name?: string;
  type: string;
  subType?: string;
  attempt: number;
}

/**
 * A plugin for `@aws/durable-execution-sdk-js` that applies the runner's step mocks to handlers
 * written with the official SDK, which has no transport seam for them:
 * `withDurableExecution(handler, { plugins: [stepMockPlugin] })`. Outside a local runner's
 * invocation, and for steps without a mock, it runs the real body.
 */
export const stepMockPlugin = {
  wrapOperationAttemptFn(info: OfficialAttemptInfo, fn: () => unknown): unknown {
    const mocks = activeMocks.getStore();
    // waitForCondition checks pass through here too: only STEP / Step attempts are mocked.
    const body =
      mocks && info.type === "STEP" ? mocks.override({ name: info.name, operationId: info.id, attempt: info.attempt, subType: info.subType ?? "" }) : undefined;
    if (!body) return fn();
    const context: StepContext = {
      attempt: info.attempt,
      operationId: info.id,
      idempotencyKey: info.id,
      signal: new AbortController().signal,
      logger: consoleLogger,
    };
    return body(context);
  },
};

const consoleLogger: DurableContextLogger = {
  error: (...params) => console.error(...params),
  warn: (...params) => console.warn(...params),
  info: (...params) => console.info(...params),
  debug: (...params) => console.debug(...params),
  log: (level, ...params) => console.log(level, ...params),
};
