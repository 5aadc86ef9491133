/**
 * Callback responders: a test's canned answers to the callbacks an execution opens, matched by
 * the CALLBACK's Name or the enclosing `waitForCallback` name. A responder fires once per
 * callback, after its START (for `waitForCallback`: once the submitter step succeeded).
 * The same responders as the local runner's, but delays run in real time (the local runner plans
 * them on its virtual clock).
 */
import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";
import { durationToSeconds, type Duration } from "@durable-ts/sdk";
import type { CallbackResponder } from "../runners/responders.js";

export type { CallbackResponder };

/** Where responders send their answers. */
export interface CallbackSender {
  success(callbackId: string, result: string): Promise<void>;
  failure(callbackId: string, error: ErrorObject): Promise<void>;
  heartbeat(callbackId: string): Promise<void>;
}

/** The wire form of a failure: an Error becomes `{ErrorType: name, ErrorMessage: message}`. */
export function toCallbackError(failure: Error | ErrorObject): ErrorObject {
  if (failure instanceof Error) {
    const error: ErrorObject = { ErrorType: failure.name, ErrorMessage: failure.message };
    if (failure.stack) error.StackTrace = failure.stack.split("\n");
    return error;
  }
  return failure;
}

/** The result text sent for `success`: a string as is, anything else as JSON. */
export function toCallbackResult(success: unknown): string {
  return typeof success === "string" ? success : (JSON.stringify(success) ?? "");
}

function sleep(d: Duration | undefined): Promise<void> {
  if (d === undefined) return Promise.resolve();
  const ms = durationToSeconds(d, "after") * 1000;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Calls `sender` as the responder says; resolves once it is done (a `timeout` responder sends nothing). */
export async function respond(responder: CallbackResponder, info: { callbackId: string; name?: string }, sender: CallbackSender): Promise<void> {
  if (typeof responder === "function") {
    return respond(await responder({ ...info, now: new Date() }), info, sender);
  }
  if ("timeout" in responder) return;
  if ("heartbeats" in responder) {
    for (let i = 0; i < responder.heartbeats; i++) {
      await sleep(responder.every);
      await sender.heartbeat(info.callbackId);
    }
    return respond(responder.then, info, sender);
  }
  await sleep(responder.after);
  if ("failure" in responder) await sender.failure(info.callbackId, toCallbackError(responder.failure));
  else await sender.success(info.callbackId, toCallbackResult(responder.success));
}

/** Responders by name (exact) or pattern; the latest registration wins, as in the local runner. */
export class CallbackResponders {
  private readonly entries: { name: string | RegExp; responder: CallbackResponder }[] = [];
  private readonly answered = new Set<string>();
  private readonly errors: unknown[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(initial: Record<string, CallbackResponder> = {}) {
    for (const [name, responder] of Object.entries(initial)) this.add(name, responder);
  }

  add(name: string | RegExp, responder: CallbackResponder): void {
    this.entries.push({ name, responder });
  }

  get size(): number {
    return this.entries.length;
  }

  /** Forgets which callbacks were answered (a new execution). */
  reset(): void {
    this.answered.clear();
    this.errors.length = 0;
  }

  /**
   * Looks at the execution's operations and starts the responder of every callback that is now
   * ready and not yet answered. A send rejected because the callback already closed
   * (CallbackTimeoutException) is ignored; other failures are kept for {@link CallbackResponders.takeErrors}.
   */
  scan(operations: readonly Operation[], sender: CallbackSender): void {
    if (this.entries.length === 0) return;
    const byId = new Map(operations.map((op) => [op.Id, op]));
    for (const op of operations) {
      const callbackId = op.CallbackDetails?.CallbackId;
      if (op.Type !== "CALLBACK" || op.Status !== "STARTED" || !callbackId || this.answered.has(callbackId)) continue;
      const parent = op.ParentId === undefined ? undefined : byId.get(op.ParentId);
      const inWaitForCallback = parent?.Type === "CONTEXT" && parent.SubType === "WaitForCallback";
      if (inWaitForCallback) {
        const submitted = operations.some((child) => child.ParentId === parent.Id && child.Type === "STEP" && child.Status === "SUCCEEDED");
        if (!submitted) continue;
      }
      const name = op.Name ?? (inWaitForCallback ? parent.Name : undefined);
      const candidates = [op.Name, inWaitForCallback ? parent.Name : undefined].filter((n): n is string => n !== undefined);
      const entry = [...this.entries].reverse().find((e) => candidates.some((n) => (typeof e.name === "string" ? e.name === n : e.name.test(n))));
      if (!entry) continue;
      this.answered.add(callbackId);
      const work = respond(entry.responder, { callbackId, name }, sender)
        .catch((error: unknown) => {
          if ((error as { name?: string })?.name !== "CallbackTimeoutException") this.errors.push(error);
        })
        .finally(() => this.pending.delete(work));
      this.pending.add(work);
    }
  }

  /** Failures of responders so far (and clears them). */
  takeErrors(): unknown[] {
    return this.errors.splice(0);
  }
}
