/**
 * `durable-ts serve --actor <name>=<file>[#export]`: serves plain Lambda handlers (an actor's
 * `lambdaHandler()`) in this process behind the Lambda Invoke route, so the real
 * `@aws-sdk/client-lambda` can call them: RequestResponse runs the handler and answers its result
 * (or `X-Amz-Function-Error` with the error document), Event answers 202 and runs it in the
 * background, DryRun answers 204. An actor's handler with no `ACTOR_TABLE_NAME` keeps its state in
 * the embedded store and delivers queued calls in process. Kept apart from the durable server,
 * whose invoke route starts durable executions.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { localLambdaContext } from "../../invoker/index.js";
import { json, readRequest, writeResponse, type ServiceResponse } from "../../server/http.js";
import { usageError } from "../errors.js";
import type { CliIO } from "../io.js";
import { loadHandler, splitHandlerSpec } from "../load-handler.js";

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const FIFTEEN_MINUTES = 900_000;

type Handler = (event: unknown, context: unknown) => unknown;

/** `name=file[#export]` → its parts, or a usage error naming the option. */
export function parseActorOption(option: string): { name: string; file: string; exportName?: string } {
  const eq = option.indexOf("=");
  if (eq <= 0 || eq === option.length - 1) throw usageError(`--actor expects <name>=<file>[#export], received ${JSON.stringify(option)}`);
  const name = option.slice(0, eq);
  if (!NAME.test(name)) throw usageError(`--actor: a function name must be 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(name)}`);
  return { name, ...splitHandlerSpec(option.slice(eq + 1)) };
}

function lambdaError(status: number, type: string, message: string): ServiceResponse {
  return json(status, { Type: "User", message }, { "x-amzn-errortype": type });
}

function errorDocument(error: unknown): string {
  if (error instanceof Error) return JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: (error.stack ?? "").split("\n") });
  return JSON.stringify({ errorType: "Error", errorMessage: String(error) });
}

async function invoke(handlers: Map<string, Handler>, segment: string, headers: Record<string, string | undefined>, body: Buffer, io: CliIO): Promise<ServiceResponse> {
  // A name, a partial ARN or a full ARN: the function name is after "function:".
  const decoded = decodeURIComponent(segment);
  const afterPrefix = decoded.split(":function:")[1]; // defined exactly when decoded has ":function:"
  const name = afterPrefix === undefined ? decoded : afterPrefix.split(":")[0]!; // split returns at least one element
  const handler = handlers.get(name);
  if (handler === undefined) return lambdaError(404, "ResourceNotFoundException", `Function not found: ${name}; served: ${[...handlers.keys()].join(", ")}`);
  let event: unknown;
  try {
    event = body.byteLength === 0 ? {} : JSON.parse(body.toString("utf8"));
  } catch (error) {
    return lambdaError(400, "InvalidRequestContentException", `Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`);
  }
  const type = headers["x-amz-invocation-type"] ?? "RequestResponse";
  const context = localLambdaContext(name, FIFTEEN_MINUTES);
  if (type === "DryRun") return { status: 204 };
  if (type === "Event") {
    void Promise.resolve()
      .then(() => handler(event, context))
      .catch((error: unknown) => io.err(`actor ${name}: async invoke failed: ${errorDocument(error)}`));
    return { status: 202, headers: { "x-amz-executed-version": "$LATEST" } };
  }
  if (type !== "RequestResponse")
    return lambdaError(400, "InvalidParameterValueException", `X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, received ${JSON.stringify(type)}`);
  try {
    const result = await handler(event, context);
    return {
      status: 200,
      headers: { "content-type": "application/json", "x-amz-executed-version": "$LATEST" },
      body: result === undefined ? "null" : JSON.stringify(result),
    };
  } catch (error) {
    return {
      status: 200,
      headers: { "content-type": "application/json", "x-amz-executed-version": "$LATEST", "x-amz-function-error": "Unhandled" },
      body: errorDocument(error),
    };
  }
}

/** Loads every `--actor`, listens, and serves until the process is asked to stop. */
export async function serveActors(options: string[], o: { port: number; host?: string }, io: CliIO): Promise<number> {
  const specs = options.map(parseActorOption);
  const duplicate = specs.map((s) => s.name).find((name, i, all) => all.indexOf(name) !== i);
  if (duplicate) throw usageError(`Actor ${duplicate} is given twice`);
  const handlers = new Map<string, Handler>();
  for (const spec of specs) handlers.set(spec.name, (await loadHandler(spec.file, spec.exportName, io.cwd)).handler);

  const server: Server = createServer((req, res) => {
    const abort = new AbortController();
    readRequest(req, abort.signal)
      .then((request): Promise<ServiceResponse> | ServiceResponse => {
        const segment = request.method === "POST" ? INVOKE.exec(request.path)?.[1] : undefined; // the group is mandatory: set on every match
        if (segment !== undefined) return invoke(handlers, segment, request.headers, request.body, io);
        if (request.method === "GET" && request.path === "/health") return json(200, { status: "ok" });
        return lambdaError(404, "UnknownOperationException", `No route for ${request.method} ${request.path}`);
      })
      .catch((error: unknown) => lambdaError(500, "ServiceException", error instanceof Error ? error.message : String(error)))
      .then((response) => writeResponse(res, response));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  const stopped = io.untilStopped();
  io.out(
    [
      `durable-ts actor server listening on ${url}`,
      `  clients: AWS_ENDPOINT_URL_LAMBDA=${url}`,
      ...specs.map((s) => `  actor ${s.name}: ${s.file}${s.exportName ? `#${s.exportName}` : ""} (this process)`),
    ].join("\n"),
  );
  await stopped;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return 0;
}
