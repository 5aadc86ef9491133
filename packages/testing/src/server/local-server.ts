/**
 * `startLocalServer`: the durable execution service on a loopback port, with the routes and wire
 * shapes of `@aws-sdk/client-lambda`, over an {@link InMemoryBackend}. Point a `LambdaClient`
 * (or `AWS_ENDPOINT_URL_LAMBDA`) at `url`; run `{external: true}` functions as separate processes
 * with `AWS_LAMBDA_RUNTIME_API` set to `runtimeApi(name)`. See docs/local-server.md.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { InMemoryBackend } from "../backend/index.js";
import { errorResponse } from "./errors.js";
import { FUNCTION_URL_PREFIX, handleStreamingTraffic } from "./function-url/index.js";
import { json, readRequest, writeResponse } from "./http.js";
import { LocalService, type LocalFunction } from "./local-service.js";
import { Router } from "./router.js";
import { callbackRoutes } from "./routes/callbacks.js";
import { durableExecutionRoutes } from "./routes/durable-executions.js";
import { invokeRoutes } from "./routes/invoke.js";
import { runtimeRoutes } from "./routes/runtime.js";

/** Options of {@link startLocalServer}. */
export interface LocalServerOptions {
  /** Port to listen on (default 4126; 0 = any free port). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: loopback only). */
  host?: string;
  /** Bring your own backend (then `skipTime` is the backend's). */
  backend?: InMemoryBackend;
  /** Functions by name: a durable handler run in this process, or `{external: true}` for one served by another process through the Runtime API. */
  functions?: Record<string, LocalFunction>;
  /** Jump the clock to the next timer whenever nothing else can happen. Default false: waits take real time. */
  skipTime?: boolean;
  /** Real milliseconds added to each checkpoint, to simulate the service's round trip (benchmarks). Default 0. */
  checkpointLatencyMs?: number;
  /** `getRemainingTimeInMillis` budget of in-process handlers. Default 15 minutes. */
  invocationTimeoutMs?: number;
}

/** A running local server. */
export interface LocalServer {
  /** `http://host:port`: the endpoint for `new LambdaClient({ endpoint })` or `AWS_ENDPOINT_URL_LAMBDA`. */
  readonly url: string;
  readonly port: number;
  readonly backend: InMemoryBackend;
  /** `host:port/runtime/<fn>`: the `AWS_LAMBDA_RUNTIME_API` value for a process serving `fn`. Throws unless `fn` is `{external: true}`. */
  runtimeApi(fn: string): string;
  /** `http://host:port/function-url/<fn>/`: the function served as a Function URL. Throws unless `fn` is `{external: true, durable: false}`. */
  functionUrl(fn: string): string;
  /** Registers another function while running. */
  registerFunction(name: string, fn: LocalFunction): void;
  /** Stops listening, drops open connections and fails invocations still waiting for a process. */
  close(): Promise<void>;
}

/** The request router of a {@link LocalService}: every route of the server, for in-process use. */
export function createRouter(service: LocalService): Router {
  return new Router()
    .add({ method: "GET", pattern: "/health", handler: () => json(200, { status: "ok" }) })
    .add(...durableExecutionRoutes(service))
    .add(...callbackRoutes(service))
    .add(...invokeRoutes(service))
    .add(...runtimeRoutes(service));
}

/**
 * Starts the local durable functions server.
 * @example
 * const server = await startLocalServer({ port: 0, functions: { orders: handler, billing: { external: true } } });
 * const client = new LambdaClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
 * await client.send(new InvokeCommand({ FunctionName: "orders", DurableExecutionName: "order-42", Payload: JSON.stringify({ id: 42 }) }));
 * await server.close();
 */
export async function startLocalServer(o: LocalServerOptions = {}): Promise<LocalServer> {
  const port = o.port ?? 4126;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`port: expected an integer from 0 to 65535, received ${port}`);
  const host = o.host ?? "127.0.0.1";
  const service = new LocalService(o);
  const router = createRouter(service);
  const server: Server = createServer((req, res) => {
    if (handleStreamingTraffic(service, req, res)) return;
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    readRequest(req, abort.signal)
      .then((request) => router.handle(request))
      .catch((error: unknown) => errorResponse(error))
      .then((response) => writeResponse(res, response));
  });
  // Long polls and synchronous invokes may legitimately stay open for the function's whole timeout.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const authority = `${hostForUrl}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${authority}`,
    port: address.port,
    backend: service.backend,
    runtimeApi(fn: string): string {
      if (!service.runtime(fn)) throw new Error(`runtimeApi: ${JSON.stringify(fn)} is not registered as { external: true }`);
      return `${authority}/runtime/${fn}`;
    },
    functionUrl(fn: string): string {
      if (!service.isPlain(fn)) throw new Error(`functionUrl: ${JSON.stringify(fn)} is not registered as { external: true, durable: false }`);
      return `http://${authority}${FUNCTION_URL_PREFIX}${fn}/`;
    },
    registerFunction: (name, fn) => service.registerFunction(name, fn),
    close(): Promise<void> {
      closing ??= (async () => {
        await service.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
