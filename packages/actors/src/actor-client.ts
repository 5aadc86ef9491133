/** `actorClient()`: the typed client of an actor, in process or over Lambda. */
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { createClient } from "./client/create-client.js";
import { lambdaTransport } from "./client/lambda-transport.js";
import type { ActorClient, AnyActor } from "./definition/context.js";
import { ActorRuntime, type ActorRuntimeOptions } from "./runtime/runtime.js";

/**
 * Where the client's calls run: on a runtime in this process (`{ runtime }` or the runtime's
 * options), or by invoking the actor's Lambda function (`{ lambda, functionName }`).
 */
export type ActorClientOptions = { runtime: ActorRuntime } | ActorRuntimeOptions | { lambda: LambdaClient; functionName: string };

/**
 * A typed client: handler names, payloads and results are checked against the actor's handlers.
 * @example
 * const client = actorClient(counter, { runtime });
 * const count = await client.call("counter-7", "increment", 5); // number
 * const callId = await client.send("counter-7", "increment", 1);
 */
export function actorClient<A extends AnyActor>(actor: A, options: ActorClientOptions): ActorClient<A> {
  if ("lambda" in options) return createClient(actor, lambdaTransport(options));
  const runtime = "runtime" in options ? options.runtime : new ActorRuntime(options);
  return runtime.client(actor);
}
