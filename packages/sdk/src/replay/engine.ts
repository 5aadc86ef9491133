/**
 * The operation engine: the only code that knows the replay rules.
 *
 * Design. An operation kind describes itself as an {@link OperationKind}:
 * - `type` / `subType`: its wire identity, checked against the history at its position;
 * - `details(stored)`: where its recorded result and error live (StepDetails, ContextDetails, …);
 * - `read(payload)`: how a recorded result is read back (synchronously where the serdes allows);
 * - `failure(error)`: the error user code sees for a recorded failure (live and on replay alike);
 * - `settled(status)`: what makes it done (default: SUCCEEDED succeeds, FAILED/CANCELLED/TIMED_OUT/STOPPED fail);
 * - `waitsOn`: the statuses in which only the service can move it (a wait's timer, a retry delay,
 *   a callback, a chained invoke) and why, so the invocation may suspend there;
 * - `start`: whether a START is sent (for a new position, or whenever the record is not STARTED),
 *   what it carries, and whether it must be acknowledged before going on;
 * - `execute(run)`: its live behaviour (a step attempt, a condition check, a child body), which
 *   returns an {@link Outcome} to checkpoint; absent when the service completes the operation;
 * - `child`: its body runs in a child scope, so it is not SDK work that holds suspension back.
 *
 * One engine then drives every kind ({@link runOperation}): it claims the next position (the
 * determinism check), decides replay or run from the recorded status, sends the START, waits on
 * the service (suspending) while `waitsOn` holds, runs `execute`, checkpoints its outcome (SUCCEED
 * with the round-tripped value, FAIL with the encoded error, RETRY and wait for the next attempt)
 * and resumes when a checkpoint response brings the change in-process.
 */
import type { ErrorObject, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { Deserializer, Serdes, SerdesContext } from "../serdes/index.js";
import { assertPayloadFits, decodePayload, encodePayload } from "./codec.js";
import type { ClaimedOperation, InvocationServices, OperationScope, SuspendReason } from "./host.js";
import type { OperationLog } from "./operation-log.js";
import type { OperationType } from "./wire-enums.js";

/** Where a kind's recorded result and error live on its operation. */
export interface RecordedDetails {
  Result?: string;
  Error?: ErrorObject;
}

/** What a live run produced, for the engine to checkpoint. */
export type Outcome<T> =
  /** Succeeded with `result` (encoded by the engine, unless `encoded` already holds it). */
  | { action: "SUCCEED"; result: T; encoded?: { payload: string | undefined; value: T } }
  /** Failed for good: FAIL with `error` recorded, then `failure(decoded)` is thrown. */
  | { action: "FAIL"; error: unknown }
  /** Try again after a delay on the service: RETRY with these fields, then wait for the next attempt. */
  | { action: "RETRY"; fields: Partial<OperationUpdate> };

/** The state of the current attempt, as `execute` sees it. */
export interface LiveRun {
  readonly position: Position;
  /** The record at this position when the attempt begins (undefined: never started). */
  readonly stored: Operation | undefined;
  /** 1-based attempt number (from the record's Attempt). */
  readonly attempt: number;
}

export interface OperationKind<T> {
  readonly type: OperationType;
  readonly subType: string;
  /** Names the operation in messages (`step`, `child context`, …). */
  readonly label: string;
  details(stored: Operation): RecordedDetails | undefined;
  /** Reads a recorded (or just encoded) payload back. */
  read(payload: string | undefined, position: Position, stored: Operation): T | Promise<T>;
  /** The error user code receives for a recorded failure. */
  failure(restored: Error, stored: Operation | undefined): Error;
  /** Done as success, done as failure, or still open; default {@link defaultSettled}. */
  settled?(status: string): "success" | "failure" | undefined;
  /** A recorded success whose result was not stored: the body runs again over its recorded children. */
  rerunsOnSuccess?(stored: Operation): boolean;
  readonly waitsOn?: {
    reason: SuspendReason;
    /** True while only the service can move the operation (undefined: nothing recorded yet). */
    while(status: string | undefined): boolean;
    /** The record carries a timer (wait end, next attempt) the service is asked about when it falls due. */
    timer: boolean;
  };
  readonly start?: {
    /** `new`: only at a position the history does not hold; `unless-started`: whenever the record is not STARTED. */
    when: "new" | "unless-started";
    /** Wait for the service's acknowledgement before going on. */
    ack: boolean;
    /** Options carried by the START (may serialize an input). */
    fields?(position: Position): Partial<OperationUpdate> | Promise<Partial<OperationUpdate>>;
  };
  execute?(run: LiveRun): Outcome<T> | Promise<Outcome<T>>;
  /** Serdes of the SUCCEED payload. */
  readonly serdes?: Serdes<T>;
  /** Builds the SUCCEED's fields from the payload (a child's summary when the result is too large); default `{ Payload }`. */
  succeedFields?(payload: string | undefined, result: T, position: Position): Partial<OperationUpdate>;
  /** The body runs in a child scope: no SDK activity is held while it runs. */
  readonly child?: boolean;
}

/** SUCCEEDED succeeds; FAILED, CANCELLED, TIMED_OUT and STOPPED fail; anything else is open. */
export function defaultSettled(status: string): "success" | "failure" | undefined {
  if (status === "SUCCEEDED") return "success";
  if (status === "FAILED" || status === "CANCELLED" || status === "TIMED_OUT" || status === "STOPPED") return "failure";
  return undefined;
}

/** For operations the service completes (invoke, callback): open while STARTED, SUCCEEDED succeeds, anything else fails. */
export function serviceSettled(status: string): "success" | "failure" | undefined {
  if (status === "STARTED") return undefined;
  return status === "SUCCEEDED" ? "success" : "failure";
}

/** Waiting on the service for an operation it completes: nothing recorded yet, or STARTED. */
export const untilServiceSettles = (status: string | undefined): boolean => status === undefined || status === "STARTED";

/**
 * A claimed position with its update header, built once: every update of the operation starts
 * from the same Id, ParentId, Name, Type and SubType.
 */
export class Position implements ClaimedOperation {
  readonly rawId: string;
  readonly id: string;
  readonly parentId: string | undefined;
  readonly name: string | undefined;
  readonly stored: Operation | undefined;
  private context: SerdesContext | undefined;

  constructor(
    readonly scope: OperationScope,
    claimed: ClaimedOperation,
    readonly type: OperationType,
    readonly subType: string,
  ) {
    this.rawId = claimed.rawId;
    this.id = claimed.id;
    this.parentId = claimed.parentId;
    this.name = claimed.name;
    this.stored = claimed.stored;
  }

  get services(): InvocationServices {
    return this.scope.services;
  }

  /** The update `action` for this operation, as a plain literal (this runs for every update). */
  update(action: OperationUpdate["Action"], fields?: Partial<OperationUpdate>): OperationUpdate {
    const update: OperationUpdate = { Id: this.id, ParentId: this.parentId, Name: this.name, Type: this.type, SubType: this.subType, Action: action };
    if (fields) Object.assign(update, fields);
    return update;
  }

  /** Queues an update nobody waits for (a failed checkpoint ends the invocation through the queue). */
  post(action: OperationUpdate["Action"], fields?: Partial<OperationUpdate>): void {
    this.scope.post(this.update(action, fields));
  }

  /** Where values of this operation belong, for serdes (built on first use). */
  serdesContext = (): SerdesContext =>
    (this.context ??= { entityId: this.id, durableExecutionArn: this.services.executionArn, operationId: this.id, operationName: this.name });

  /** `step "charge" (id c4ca4238a0b92382, position 1)`. */
  describe(kind: string): string {
    const name = this.name === undefined ? "" : ` "${this.name}"`;
    return `${kind}${name} (id ${this.id}, position ${this.rawId})`;
  }

  decode<V>(serdes: Deserializer<V>, payload: string | undefined): V | Promise<V> {
    return decodePayload(serdes, payload, this.serdesContext);
  }

  encode<V>(serdes: Serdes<V>, value: V): { payload: string | undefined; value: V } | Promise<{ payload: string | undefined; value: V }> {
    return encodePayload(serdes, value, this.serdesContext);
  }
}

/** Claims the next position of `scope` for `kind` (determinism check included). */
export function claim<T>(scope: OperationScope, kind: Pick<OperationKind<T>, "type" | "subType">, name: string | undefined): Position {
  return new Position(scope, scope.claim({ type: kind.type, subType: kind.subType, name }), kind.type, kind.subType);
}

/** Claims the next position and drives the operation to its outcome. */
export function runOperation<T>(scope: OperationScope, kind: OperationKind<T>, name: string | undefined): Promise<T> {
  return drive(claim(scope, kind, name), kind);
}

/**
 * Sends the START of a new position (acknowledged when the kind says so). Used by `drive`, and
 * directly by operations that hand something out between START and outcome (a callback's id).
 */
export async function start<T>(position: Position, kind: OperationKind<T>): Promise<void> {
  const spec = kind.start;
  if (!spec) return;
  const { activity } = position.services;
  if (!spec.ack) {
    const fields = spec.fields?.(position);
    if (fields instanceof Promise) return activity.run(async () => position.post("START", await fields));
    position.post("START", fields);
    return;
  }
  return activity.run(async () => {
    const fields = spec.fields ? await spec.fields(position) : undefined;
    await position.scope.enqueue(position.update("START", fields));
  });
}

/**
 * Drives a claimed operation: replays its recorded outcome, or runs it live and checkpoints the
 * outcome. `started`: the START was already sent (see {@link start}); the record is read afresh.
 *
 * This is the per-step hot path: a live attempt runs in this frame (counted as SDK activity with
 * enter/leave, not through `activity.run`), because each extra async frame is a promise or two per
 * step, and on Node 20 every promise also runs the async-context hooks.
 */
export async function drive<T>(position: Position, kind: OperationKind<T>, options: { started?: boolean } = {}): Promise<T> {
  const { services } = position;
  const settled = kind.settled ?? defaultSettled;
  let stored = options.started ? services.log.get(position.id) : position.stored;
  let started = options.started === true;
  for (;;) {
    const status = stored?.Status;
    const done = stored && status !== undefined ? settled(status) : undefined;
    if (done === "success" && !(kind.rerunsOnSuccess?.(stored as Operation) ?? false)) return readBack(position, kind, stored as Operation);
    if (done === "failure") throw kind.failure(services.decodeError(kind.details(stored as Operation)?.Error), stored);
    const waitsOn = kind.waitsOn;
    const execute = kind.execute;
    if (!execute) {
      // The service completes it: START once, then wait for the record to leave the waiting statuses.
      if (!started && stored === undefined) await start(position, kind);
      started = true;
      stored = services.log.get(position.id);
      if (waitsOn && (stored === undefined || waitsOn.while(stored.Status))) stored = await waitOnService(position, kind);
      continue;
    }
    if (waitsOn?.while(status) && stored !== undefined) {
      stored = await waitOnService(position, kind);
      continue;
    }
    let next: Next<T>;
    if (kind.child) {
      // The body runs in a child scope: only an asynchronous serdes's encoding is held as SDK activity.
      if (stored === undefined && kind.start) {
        // Synchronous when the START carries nothing to serialize: the body must not start a turn later.
        const fields = kind.start.fields?.(position);
        position.post("START", fields instanceof Promise ? await fields : fields);
      }
      const running = execute({ position, stored, attempt: 1 });
      const outcome = running instanceof Promise ? await running : running;
      // A rerun over recorded children (a success without its result stored) writes nothing.
      const checkpointed = checkpoint(position, kind, outcome, done !== "success");
      next = checkpointed instanceof Promise ? await services.activity.run(() => checkpointed) : checkpointed;
    } else {
      // One live attempt (a step, a condition check): SDK activity, so the invocation cannot suspend meanwhile.
      services.activity.enter();
      try {
        const spec = kind.start;
        if (spec && (stored === undefined || (spec.when === "unless-started" && stored.Status !== "STARTED"))) {
          const fields = spec.fields?.(position);
          const update = position.update("START", fields instanceof Promise ? await fields : fields);
          if (spec.ack) await position.scope.enqueue(update);
          else position.scope.post(update);
        }
        const attemptNumber = ((stored?.StepDetails?.Attempt ?? 0) as number) + 1;
        const running = execute({ position, stored, attempt: attemptNumber });
        const outcome = running instanceof Promise ? await running : running;
        const checkpointed = checkpoint(position, kind, outcome, true);
        next = checkpointed instanceof Promise ? await checkpointed : checkpointed;
      } finally {
        services.activity.leave();
      }
    }
    if (next !== RETRYING) return next;
    stored = await waitOnService(position, kind);
  }
}

/** What follows an attempt: its value, or RETRYING (wait for the next attempt). A bare value: no object per operation. */
const RETRYING: unique symbol = Symbol("retrying");
type Next<T> = T | typeof RETRYING;

/**
 * Writes the outcome (unless `write` is false: a rerun over recorded children) and returns what
 * follows. Synchronous unless the serdes or a RETRY's acknowledgement must be awaited.
 */
function checkpoint<T>(position: Position, kind: OperationKind<T>, outcome: Outcome<T>, write: boolean): Next<T> | Promise<Next<T>> {
  const { services } = position;
  if (outcome.action === "FAIL") {
    const errorObject = services.encodeError(outcome.error);
    position.post("FAIL", { Error: errorObject });
    throw kind.failure(services.decodeError(errorObject), undefined);
  }
  if (outcome.action === "RETRY") return retry(position, outcome.fields);
  const encoded = outcome.encoded ?? position.encode(kind.serdes ?? (position.scope.serdes as Serdes<T>), outcome.result);
  if (encoded instanceof Promise) return encoded.then((value) => succeed(position, kind, outcome.result, value, write));
  return succeed(position, kind, outcome.result, encoded, write);
}

function succeed<T>(position: Position, kind: OperationKind<T>, result: T, encoded: { payload: string | undefined; value: T }, write: boolean): Next<T> {
  // A rerun over recorded children is already complete: it writes nothing (aws-java #338).
  if (!write) return encoded.value;
  const fields = kind.succeedFields ? kind.succeedFields(encoded.payload, result, position) : { Payload: encoded.payload };
  assertPayloadFits(fields.Payload, position.services.limits.maxOperationPayloadBytes, () => position.describe(kind.label));
  position.post("SUCCEED", fields);
  return encoded.value;
}

/** RETRY is acknowledged before the wait for the next attempt begins. */
async function retry<T>(position: Position, fields: Partial<OperationUpdate>): Promise<Next<T>> {
  await position.scope.enqueue(position.update("RETRY", fields));
  markPending(position.services.log, position.id);
  return RETRYING;
}

/** Reads a recorded success back; SDK activity only when the serdes runs asynchronously. */
function readBack<T>(position: Position, kind: OperationKind<T>, stored: Operation): T | Promise<T> {
  const value = kind.read(kind.details(stored)?.Result, position, stored);
  return value instanceof Promise ? position.services.activity.run(() => value) : value;
}

/** Waits (suspending the invocation once awaited) until the record leaves the kind's waiting statuses. */
function waitOnService<T>(position: Position, kind: OperationKind<T>): Promise<Operation> {
  const { services } = position;
  const waitsOn = kind.waitsOn;
  if (!waitsOn) throw new Error(`${position.describe(kind.label)} has nothing to wait for`);
  const left = services.log.watch(position.id, (operation) => !waitsOn.while(operation.Status));
  return services.activity.waitOnService(waitsOn.reason, left, waitsOn.timer ? position.id : undefined);
}

/**
 * After an acknowledged RETRY the operation is PENDING on the service. If the response delta did
 * not carry it, record that locally so the wait for READY does not see a stale status.
 */
export function markPending(log: OperationLog, id: string): void {
  const current = log.get(id);
  if (current && current.Status !== "PENDING") log.merge([{ ...current, Status: "PENDING" }]);
}
