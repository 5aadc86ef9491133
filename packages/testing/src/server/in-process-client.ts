/**
 * A real `LambdaClient` whose requests never touch a socket: its request handler hands each
 * serialized HTTP request to the local server's router in this process. Same wire shapes,
 * signing and error parsing as over loopback, without a port.
 */
import { Readable } from "node:stream";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { clientLambda } from "../client-lambda/index.js";
import type { ServiceRequest } from "./http.js";
import { LocalService, type LocalServiceOptions } from "./local-service.js";
import type { Router } from "./router.js";

/** The serialized request as client-lambda hands it to its HTTP handler. */
interface OutgoingRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("The in-process client only sends string or byte bodies");
}

/** An HTTP handler for client-lambda that answers through `router` (or the router it resolves to). */
export function inProcessRequestHandler(router: Router | Promise<Router>) {
  return {
    metadata: { handlerProtocol: "http/1.1" },
    async handle(request: OutgoingRequest, options: { abortSignal?: AbortSignal } = {}) {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value === null) continue;
        for (const item of Array.isArray(value) ? value : [value]) query.append(key, item);
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
      const req: ServiceRequest = {
        method: request.method,
        path: request.path,
        query,
        headers,
        body: bodyBytes(request.body),
        signal: options.abortSignal ?? new AbortController().signal,
      };
      const response = await (await router).handle(req);
      const body = response.body === undefined ? Buffer.alloc(0) : typeof response.body === "string" ? Buffer.from(response.body, "utf8") : response.body;
      return { response: { statusCode: response.status, reason: undefined, headers: { ...response.headers }, body: Readable.from([body]) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}

/**
 * A local service and a `LambdaClient` wired to it in-process (no port). Functions run as with
 * {@link startLocalServer}, except that `{external: true}` ones need a server to be reachable.
 * @example
 * const { client } = createInProcessLambdaClient({ functions: { orders: handler }, skipTime: true });
 * const runner = new CloudDurableTestRunner({ functionName: "orders", client });
 */
export function createInProcessLambdaClient(o: LocalServiceOptions = {}): { client: LambdaClient; service: LocalService } {
  const service = new LocalService(o);
  const client = new (clientLambda().LambdaClient)({
    endpoint: "http://in-process.local",
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    // The routes load (in the background) when a client is made, not with the package.
    requestHandler: inProcessRequestHandler(import("./local-server.js").then((server) => server.createRouter(service))) as never,
  });
  return { client, service };
}
