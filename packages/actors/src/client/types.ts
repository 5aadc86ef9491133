/** The transport a typed client runs on (in process, or a Lambda invoke). */
import type { CallResult } from "../definition/context.js";

/** One request as a transport carries it. */
export interface TransportRequest {
  actorId: string;
  handler: string;
  payload: unknown;
  callId: string;
}

/** How a client reaches an actor. */
export interface ActorTransport {
  call(actor: string, request: TransportRequest): Promise<unknown>;
  send(actor: string, request: TransportRequest): Promise<void>;
  result(actor: string, actorId: string, callId: string): Promise<CallResult>;
}
