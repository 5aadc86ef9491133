/**
 * The Lambda entry of an actor: SQS batches (async calls) and direct invokes (the wire shapes of
 * ./wire.ts). Sync calls answer the handler's result; a handler's error is thrown (Lambda reports
 * its name and message) or, with `envelope: true`, answered as `{ ok: false, error }` with its data.
 */
import { randomUUID } from "node:crypto";
import type { AnyActor } from "../definition/context.js";
import { decodeError, encodeError, type ErrorRecord } from "../errors/codec.js";
import { isSqsEvent, type SqsBatchResponse } from "../queue/sqs-event.js";
import type { ActorRuntime } from "../runtime/runtime.js";
import { processSqsBatch } from "./sqs-batch.js";
import { parseWireRequest } from "./wire.js";

/** What an actor's Lambda answers a direct invoke. */
export type WireResponse = unknown | { queued: true; callId: string } | { ok: true; value: unknown } | { ok: false; error: ErrorRecord; retryable: boolean };

/** An actor's Lambda handler. */
export type ActorLambdaHandler = (event: unknown, context?: unknown) => Promise<WireResponse | SqsBatchResponse>;

/** The handler over a runtime given now or made on the first invoke (configuration read once). */
export function createLambdaHandler(actor: AnyActor, runtimeOf: () => ActorRuntime): ActorLambdaHandler {
  let runtime: ActorRuntime | undefined;
  return async (event) => {
    runtime ??= runtimeOf();
    runtime.register(actor);
    if (isSqsEvent(event)) return processSqsBatch(runtime, actor, event);
    let request;
    try {
      request = parseWireRequest(event);
    } catch (error) {
      if ((event as { envelope?: unknown } | null)?.envelope !== true) throw error;
      return { ok: false, error: encodeError(error), retryable: false };
    }
    if (request.kind === "result") return runtime.result(actor.name, request.actorId, request.callId);
    const callId = request.callId ?? randomUUID();
    if (!request.sync) {
      const call = { actorId: request.actorId, handler: request.handler, payload: request.payload, callId };
      if (!request.envelope) {
        await runtime.send(actor.name, call);
        return { queued: true, callId };
      }
      try {
        await runtime.send(actor.name, call);
        return { queued: true, callId };
      } catch (error) {
        const failed = runtime.failed(error);
        return { ...failed.outcome, retryable: failed.retryable };
      }
    }
    const execution = await runtime.execute(actor, { actorId: request.actorId, handler: request.handler, payload: request.payload, callId });
    if (request.envelope) return execution.outcome.ok ? execution.outcome : { ...execution.outcome, retryable: execution.retryable };
    if (execution.outcome.ok) return execution.outcome.value;
    throw decodeError(execution.outcome.error);
  };
}
