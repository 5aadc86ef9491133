/**
 * The client over Lambda: each call is an Invoke of the actor's function with the wire shape
 * (`envelope: true`, so errors come back with their data). `send` asks the function to queue the
 * call; `result` asks it for the call window's entry.
 */
import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { decodeError, isErrorRecord } from "../errors/codec.js";
import { ACTOR_ERROR_CODES, ActorError } from "../errors/errors.js";
import type { CallResult } from "../definition/context.js";
import type { ActorTransport, TransportRequest } from "./types.js";

/** Options of the Lambda transport. */
export interface LambdaTransportOptions {
  lambda: LambdaClient;
  /** The actor's function (name or ARN). */
  functionName: string;
}

async function invoke(o: LambdaTransportOptions, body: unknown): Promise<unknown> {
  const out = await o.lambda.send(
    new InvokeCommand({ FunctionName: o.functionName, InvocationType: "RequestResponse", Payload: new TextEncoder().encode(JSON.stringify(body)) }),
  );
  const text = out.Payload === undefined ? "" : new TextDecoder().decode(out.Payload);
  const value: unknown = text === "" ? undefined : JSON.parse(text);
  if (out.FunctionError !== undefined) {
    const doc = (value ?? {}) as { errorType?: string; errorMessage?: string };
    throw new ActorError(ACTOR_ERROR_CODES.HANDLER_FAILED, doc.errorMessage ?? `${o.functionName} failed (${out.FunctionError})`, { name: doc.errorType ?? "Error" });
  }
  return value;
}

function unwrap(value: unknown): unknown {
  const v = value as { ok?: unknown; value?: unknown; error?: unknown } | undefined;
  if (v?.ok === true) return v.value;
  if (v?.ok === false && isErrorRecord(v.error)) throw decodeError(v.error);
  throw new ActorError(ACTOR_ERROR_CODES.MALFORMED_EVENT, `The actor function answered ${JSON.stringify(value)?.slice(0, 120)}, not { ok, value | error }`);
}

export function lambdaTransport(o: LambdaTransportOptions): ActorTransport {
  return {
    call: async (_actor, r: TransportRequest) =>
      unwrap(await invoke(o, { actorId: r.actorId, handler: r.handler, payload: r.payload, callId: r.callId, sync: true, envelope: true })),
    send: async (_actor, r: TransportRequest) => {
      const value = (await invoke(o, { actorId: r.actorId, handler: r.handler, payload: r.payload, callId: r.callId, envelope: true })) as { queued?: unknown };
      if (value?.queued !== true) unwrap(value);
    },
    result: async (_actor, actorId, callId) => (await invoke(o, { actorId, resultOf: callId })) as CallResult,
  };
}
