/** A typed client over any {@link ActorTransport}. */
import { randomUUID } from "node:crypto";
import type { AnyActor } from "../definition/context.js";
import { checkActorId, checkCallId, checkHandlerName } from "../validation/input.js";
import type { ActorClient, CallOptions } from "../definition/context.js";
import type { ActorTransport } from "./types.js";

/** Makes the call id of a request: the caller's, else `nextId()`. */
export function createClient<A extends AnyActor>(actor: A, transport: ActorTransport, nextId: () => string = randomUUID): ActorClient<A> {
  const handlers = Object.keys(actor.handlers);
  const request = (actorId: string, handler: string, args: unknown[]) => {
    const options = (args[1] ?? {}) as CallOptions;
    return {
      actorId: checkActorId(actorId),
      handler: checkHandlerName(handler, handlers, actor.name),
      payload: args[0],
      callId: options.callId === undefined ? nextId() : checkCallId(options.callId),
    };
  };
  return {
    // async: a bad argument rejects the promise, like every other fault, rather than throwing synchronously.
    call: async (actorId, handler, ...args) => transport.call(actor.name, request(actorId, handler, args)) as Promise<never>,
    async send(actorId, handler, ...args) {
      const r = request(actorId, handler, args);
      await transport.send(actor.name, r);
      return r.callId;
    },
    result: async (actorId, callId) => transport.result(actor.name, checkActorId(actorId), checkCallId(callId)),
  };
}
