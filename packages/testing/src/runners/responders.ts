/**
 * Callback responders: scripted answers to the callbacks an execution creates, so a test does not
 * have to hold a handle and reply by hand.
 *
 * How a responder runs:
 * 1. A CALLBACK is STARTED (seen through `backend.onOperationChange`). Its Name, or the name of the
 *    waitForCallback CONTEXT around it, picks the responder; the latest registration wins.
 * 2. It becomes due: at once for `createCallback`, after the submitter STEP SUCCEEDED for
 *    `waitForCallback` (the external system cannot answer before it was told the id).
 * 3. Function responders are called (and awaited) right then, so the tree becomes a fixed plan of
 *    timed actions, each a backend timer. Both milestones happen inside a checkpoint, i.e. while an
 *    invocation runs: the runner keeps that invocation open until the plan exists (see
 *    {@link CallbackResponders.settled}), so skip-time never races an async responder.
 * 4. Actions fire on the virtual clock; even an undelayed answer waits for the next clock step,
 *    which comes once the invocation suspended, as a real external system would answer.
 */
import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import { durationToSeconds, type Duration } from "@durable-ts/sdk";
import { toErrorObject, type InMemoryBackend, type OperationChange } from "../backend/index.js";
import type { TimerHandle } from "../clock/index.js";

/** What a responder function is told about the callback it answers. */
export interface CallbackResponderInfo {
  callbackId: string;
  /** The waitForCallback name, else the callback's own Name. */
  name?: string;
  /** Virtual time when the callback became due (started, or submitted for waitForCallback). */
  now: Date;
}

/**
 * A scripted answer to a callback:
 * - `{ success }`: completes it; a string is sent as is, anything else as JSON.
 * - `{ failure }`: fails it with an `Error` (sent as `{ErrorType: name, ErrorMessage, StackTrace}`) or an `ErrorObject`.
 * - `after`: delays the answer on the virtual clock.
 * - `{ timeout: true }`: never answers; the callback's timeout fires (skipped in virtual time).
 * - `{ heartbeats, every, then }`: sends `heartbeats` heartbeats `every` apart, then applies `then`.
 * - a function: called when the callback is due, returns one of the above (may be async).
 */
export type CallbackResponder =
  | { success: unknown; after?: Duration }
  | { failure: Error | ErrorObject; after?: Duration }
  | { timeout: true }
  | { heartbeats: number; every: Duration; then: CallbackResponder }
  | ((info: CallbackResponderInfo) => CallbackResponder | Promise<CallbackResponder>);

/** A responder with every function already called: a fixed plan. */
type Plan =
  | { kind: "success"; result?: string; delayMs: number }
  | { kind: "failure"; error: ErrorObject; delayMs: number }
  | { kind: "timeout" }
  | { kind: "heartbeats"; count: number; everyMs: number; then: Plan };

/** One callback claimed by a responder. */
interface Claim {
  readonly executionArn: string;
  readonly operationId: string;
  readonly callbackId: string;
  readonly name?: string;
  readonly responder: CallbackResponder;
  readonly field: string;
  readonly timers: TimerHandle[];
  closed: boolean;
}

const ACCEPTED = "{ success, after? }, { failure, after? }, { timeout: true }, { heartbeats, every, then } or a function";

/** The responders of one runner, and the callbacks they answer on its backend. */
export class CallbackResponders {
  private readonly entries: { match: string | RegExp; responder: CallbackResponder; field: string }[] = [];
  /** By `arn \0 CALLBACK id`. */
  private readonly claims = new Map<string, Claim>();
  /** waitForCallback claims waiting for their submitter, by `arn \0 CONTEXT id`. */
  private readonly awaitingSubmitter = new Map<string, Claim>();
  /** Responders being resolved, by execution. */
  private readonly resolving = new Map<string, Set<Promise<void>>>();
  private readonly errors: Error[] = [];
  private readonly backend: InMemoryBackend;

  constructor(backend: InMemoryBackend) {
    this.backend = backend;
    backend.onOperationStatus((executionArn, change) => this.onOperationChange(executionArn, change));
  }

  /**
   * Registers `responder` for callbacks whose name (or waitForCallback name) is `match` or matches
   * it. Static shapes are checked now; a TypeError names `field` and what is accepted.
   */
  add(match: string | RegExp, responder: CallbackResponder, field = `onCallback(${String(match)})`): void {
    if (typeof match !== "string" && !(match instanceof RegExp)) {
      throw new TypeError(`${field}: the name must be a string or a RegExp, received ${typeof match}`);
    }
    checkShape(responder, field);
    this.entries.push({ match, responder, field });
  }

  /** True when a responder answers this callback: such a callback is never "watched". */
  answers(executionArn: string, operationId: string): boolean {
    return this.claims.has(key(executionArn, operationId));
  }

  /** Resolves once every responder being resolved for the execution produced its plan. */
  async settled(executionArn: string): Promise<void> {
    for (let pending = this.resolving.get(executionArn); pending && pending.size > 0; pending = this.resolving.get(executionArn)) {
      await Promise.all(pending);
    }
  }

  /** Errors of responders (a throwing function, an invalid answer) since the last call; each stopped its execution. */
  takeErrors(): Error[] {
    return this.errors.splice(0);
  }

  private onOperationChange(executionArn: string, operation: OperationChange): void {
    if (operation.Type === "CALLBACK") {
      const claim = this.claims.get(key(executionArn, operation.Id));
      if (claim) {
        if (operation.Status !== "STARTED") this.close(claim);
      } else if (operation.Status === "STARTED") {
        // Its CallbackId is set at START and never changes: the stored operation has it.
        const callback = this.backend.getOperation(executionArn, operation.Id);
        if (callback) this.claim(executionArn, callback);
      }
      return;
    }
    if (operation.Type === "STEP" && operation.Status === "SUCCEEDED" && operation.ParentId !== undefined) {
      const waiting = key(executionArn, operation.ParentId);
      const claim = this.awaitingSubmitter.get(waiting);
      if (claim) {
        this.awaitingSubmitter.delete(waiting);
        this.due(claim);
      }
    }
  }

  private claim(executionArn: string, callback: Operation): void {
    const operations = callback.ParentId === undefined ? [] : this.backend.getOperations(executionArn);
    const parent = operations.find((operation) => operation.Id === callback.ParentId);
    const waitForCallback = parent?.Type === "CONTEXT" && parent.SubType === "WaitForCallback" ? parent : undefined;
    const names = [callback.Name, waitForCallback?.Name].filter((name): name is string => name !== undefined);
    const entry = this.find(names);
    if (!entry) return;
    const claim: Claim = {
      executionArn,
      operationId: callback.Id as string,
      callbackId: callback.CallbackDetails?.CallbackId as string,
      name: waitForCallback?.Name ?? callback.Name,
      responder: entry.responder,
      field: entry.field,
      timers: [],
      closed: false,
    };
    this.claims.set(key(executionArn, claim.operationId), claim);
    const submitted = operations.some((op) => op.ParentId === waitForCallback?.Id && op.Type === "STEP" && op.Status === "SUCCEEDED");
    if (waitForCallback && !submitted) this.awaitingSubmitter.set(key(executionArn, waitForCallback.Id as string), claim);
    else this.due(claim);
  }

  /** The latest registration whose name matches one of `names`. */
  private find(names: string[]): (typeof this.entries)[number] | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      const { match } = entry;
      const hit =
        typeof match === "string"
          ? names.includes(match)
          : names.some((name) => {
              match.lastIndex = 0; // a /g or /y pattern keeps state between test() calls
              return match.test(name);
            });
      if (hit) return entry;
    }
    return undefined;
  }

  /** The callback can be answered: resolve its responder into a plan and schedule it. */
  private due(claim: Claim): void {
    const fromMs = this.backend.clock.nowMs();
    const info: CallbackResponderInfo = { callbackId: claim.callbackId, name: claim.name, now: new Date(fromMs) };
    let pending = this.resolving.get(claim.executionArn);
    if (!pending) this.resolving.set(claim.executionArn, (pending = new Set()));
    const owner = pending;
    const work: Promise<void> = resolvePlan(claim.responder, info, claim.field)
      .then(async (plan) => {
        await this.checkTimeoutPossible(claim, plan);
        this.schedule(claim, plan, fromMs);
      })
      .catch((error: unknown) => this.fail(claim, error))
      .finally(() => {
        owner.delete(work);
        if (owner.size === 0 && this.resolving.get(claim.executionArn) === owner) this.resolving.delete(claim.executionArn);
      });
    owner.add(work);
  }

  private schedule(claim: Claim, plan: Plan, fromMs: number): void {
    if (claim.closed || !this.backend.isRunning(claim.executionArn)) return;
    switch (plan.kind) {
      case "timeout":
        return;
      case "success":
        this.at(claim, fromMs + plan.delayMs, () => this.backend.sendDurableExecutionCallbackSuccess({ CallbackId: claim.callbackId, Result: plan.result }));
        return;
      case "failure":
        this.at(claim, fromMs + plan.delayMs, () => this.backend.sendDurableExecutionCallbackFailure({ CallbackId: claim.callbackId, Error: plan.error }));
        return;
      case "heartbeats":
        for (let n = 1; n <= plan.count; n++) {
          this.at(claim, fromMs + n * plan.everyMs, () => this.backend.sendDurableExecutionCallbackHeartbeat({ CallbackId: claim.callbackId }));
        }
        this.schedule(claim, plan.then, fromMs + plan.count * plan.everyMs);
        return;
    }
  }

  /**
   * One timed action. "invocation-retry" is the backend's driver-timer kind: skip-time always
   * counts it, even while the test watches another callback.
   */
  private at(claim: Claim, atMs: number, send: () => Promise<unknown>): void {
    const handle = this.backend.scheduleTimer(claim.executionArn, "invocation-retry", atMs, () => {
      if (claim.closed) return;
      send().catch((error: unknown) => {
        // The callback closed first (its own timeout won the race): the answer is simply late.
        if ((error as { name?: string }).name !== "CallbackTimeoutException") this.fail(claim, error);
      });
    });
    claim.timers.push(handle);
  }

  /** `{ timeout: true }` on a callback without a timeout would wait forever: say so at once. */
  private async checkTimeoutPossible(claim: Claim, plan: Plan): Promise<void> {
    let last = plan;
    while (last.kind === "heartbeats") last = last.then;
    if (last.kind !== "timeout") return;
    const details = await this.callbackStartedDetails(claim);
    if (!details?.Timeout && !details?.HeartbeatTimeout) {
      throw new Error(`the callback has neither a timeout nor a heartbeat timeout, so { timeout: true } would wait forever`);
    }
  }

  private async callbackStartedDetails(claim: Claim): Promise<{ Timeout?: number; HeartbeatTimeout?: number } | undefined> {
    let marker: string | undefined;
    do {
      const page = await this.backend.getDurableExecutionHistory({
        DurableExecutionArn: claim.executionArn,
        ReverseOrder: true,
        MaxItems: 1000,
        Marker: marker,
        IncludeExecutionData: false,
      });
      const started = page.Events?.find((event) => event.EventType === "CallbackStarted" && event.Id === claim.operationId);
      if (started) return started.CallbackStartedDetails;
      marker = page.NextMarker;
    } while (marker);
    return undefined;
  }

  private close(claim: Claim): void {
    claim.closed = true;
    for (const timer of claim.timers.splice(0)) timer.cancel();
  }

  /** A broken responder is a broken test: stop the execution and let `run()` reject with the reason. */
  private fail(claim: Claim, error: unknown): void {
    this.close(claim);
    const reason = error instanceof Error ? error.message : String(error);
    const failure = new Error(`Callback responder ${claim.field} for callback "${claim.name ?? claim.callbackId}" failed: ${reason}`, {
      cause: error,
    });
    this.errors.push(failure);
    if (!this.backend.isRunning(claim.executionArn)) return;
    this.backend
      .stopDurableExecution({
        DurableExecutionArn: claim.executionArn,
        Error: { ErrorType: "CallbackResponderError", ErrorMessage: failure.message.slice(0, 10_000) },
      })
      .catch(() => undefined); // it ended meanwhile
  }
}

function key(executionArn: string, operationId: string): string {
  return `${executionArn}\u0000${operationId}`;
}

/** Calls every function in the responder tree (with `info`) and checks each answer. */
async function resolvePlan(responder: CallbackResponder, info: CallbackResponderInfo, field: string): Promise<Plan> {
  if (typeof responder === "function") {
    const answer = await responder({ ...info, now: new Date(info.now) });
    checkShape(answer, `${field} (returned value)`);
    return resolvePlan(answer, info, `${field} (returned value)`);
  }
  if ("success" in responder) {
    const result = typeof responder.success === "string" ? responder.success : JSON.stringify(responder.success);
    return { kind: "success", result, delayMs: delayMs(responder.after, `${field}.after`) };
  }
  if ("failure" in responder) {
    return {
      kind: "failure",
      error: responder.failure instanceof Error ? toErrorObject(responder.failure, { stack: "frames" }) : responder.failure,
      delayMs: delayMs(responder.after, `${field}.after`),
    };
  }
  if ("timeout" in responder) return { kind: "timeout" };
  return {
    kind: "heartbeats",
    count: responder.heartbeats,
    everyMs: delayMs(responder.every, `${field}.every`),
    then: await resolvePlan(responder.then, info, `${field}.then`),
  };
}

function delayMs(duration: Duration | undefined, field: string): number {
  return duration === undefined ? 0 : durationToSeconds(duration, field) * 1000;
}

/** Checks one level of a responder (and, statically known, its `then`); throws a TypeError naming `field`. */
function checkShape(responder: unknown, field: string): asserts responder is CallbackResponder {
  if (typeof responder === "function") return;
  if (typeof responder !== "object" || responder === null) {
    throw new TypeError(`${field}: expected ${ACCEPTED}, received ${responder === null ? "null" : typeof responder}`);
  }
  const keys = Object.keys(responder);
  const has = (name: string) => keys.includes(name);
  const shape = (allowed: string[]) => keys.every((k) => allowed.includes(k));
  const value = responder as Record<string, unknown>;
  if (has("success") && shape(["success", "after"])) return checkAfter(value.after, field);
  if (has("failure") && shape(["failure", "after"])) {
    const failure = value.failure;
    if (!(failure instanceof Error) && (typeof failure !== "object" || failure === null)) {
      throw new TypeError(`${field}.failure: expected an Error or an ErrorObject, received ${failure === null ? "null" : typeof failure}`);
    }
    return checkAfter(value.after, field);
  }
  if (has("timeout") && shape(["timeout"])) {
    if (value.timeout !== true) throw new TypeError(`${field}.timeout: expected true, received ${JSON.stringify(value.timeout)}`);
    return;
  }
  if (has("heartbeats") && shape(["heartbeats", "every", "then"])) {
    const count = value.heartbeats;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
      throw new TypeError(`${field}.heartbeats: expected an integer >= 0, received ${JSON.stringify(count)}`);
    }
    if (delayMs(value.every as Duration, `${field}.every`) <= 0) {
      throw new TypeError(`${field}.every: expected a duration of at least 1 second, received ${JSON.stringify(value.every)}`);
    }
    checkShape(value.then, `${field}.then`);
    return;
  }
  throw new TypeError(`${field}: expected ${ACCEPTED}, received an object with keys [${keys.join(", ")}]`);
}

function checkAfter(after: unknown, field: string): void {
  if (after !== undefined) delayMs(after as Duration, `${field}.after`);
}
