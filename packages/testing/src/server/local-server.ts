/**
 * `startLocalServer`: the durable execution service on a loopback port, with the routes and wire
 * shapes of `@aws-sdk/client-lambda`, over an {@link InMemoryBackend}. Point a `LambdaClient`
 * (or `AWS_ENDPOINT_URL_LAMBDA`) at `url`; run `{external: true}` functions as separate processes
 * with `AWS_LAMBDA_RUNTIME_API` set to `runtimeApi(name)`. See docs/local-server.md.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InMemoryBackend } from "../backend/index.js";
import { openSqlitePersistence } from "../persistence/index.js";
import { errorResponse } from "./errors.js";
import { FUNCTION_URL_PREFIX, handleStreamingTraffic } from "./function-url/index.js";
import { json, readRequest, writeResponse } from "./http.js";
import { LocalService, type LocalFunction } from "./local-service.js";
import { Router } from "./router.js";
import { consoleRoutes, openConsoleEvents } from "./console-routes.js";
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
  /** Bring your own backend (then `skipTime` and `dataFile` are the backend's). */
  backend?: InMemoryBackend;
  /**
   * A SQLite file that keeps executions, operations, history and callbacks across restarts
   * (created if missing; needs the optional `better-sqlite3` 12.x package). Running executions
   * found in it are driven again once their function is registered. Default: memory only.
   */
  dataFile?: string;
  /** Functions by name: a durable handler run in this process, or `{external: true}` for one served by another process through the Runtime API. */
  functions?: Record<string, LocalFunction>;
  /** Jump the clock to the next timer whenever nothing else can happen. Default false: waits take real time. */
  skipTime?: boolean;
  /** Real milliseconds added to each checkpoint, to simulate the service's round trip (benchmarks). Default 0. */
  checkpointLatencyMs?: number;
  /** `getRemainingTimeInMillis` budget of in-process handlers, enforced as Lambda's function timeout. Default 15 minutes. */
  invocationTimeoutMs?: number;
  /** Execution timeout in seconds by function name (`null`: none); others keep the service's default of 1 day. */
  executionTimeouts?: Record<string, number | null>;
  /** Time a client has to send a request's headers before the server answers 408 and closes the connection. Default 10,000 ms. */
  headersTimeoutMs?: number;
  /** Time a client has to send a whole request (headers and body) before 408 and close. Default 60,000 ms. Waiting for the answer is not counted. */
  requestTimeoutMs?: number;
}

/** A running local server. */
export interface LocalServer {
  /** `http://host:port`: the endpoint for `new LambdaClient({ endpoint })` or `AWS_ENDPOINT_URL_LAMBDA`. */
  readonly url: string;
  readonly port: number;
  readonly backend: InMemoryBackend;
  /** `host:port/runtime/<fn>`: the `AWS_LAMBDA_RUNTIME_API` value for a process serving `fn`. Throws unless `fn` is `{external: true}`. */
  runtimeApi(fn: string): string;
  /**
   * Tells the server the process serving external function `fn` ended (`reason` as Lambda words it:
   * "exit status 1", "signal: SIGKILL"): the invocations it was running fail with `Runtime.ExitError`
   * and are retried, instead of waiting for the function timeout.
   */
  functionProcessExited(fn: string, reason: string): void;
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
    .add(...runtimeRoutes(service))
    .add(...consoleRoutes(service));
}

/**
 * Slow or partial requests are closed: Node counts `requestTimeout` only until the request is
 * fully received, so long polls and synchronous invokes, which wait for their answer, are not cut.
 */
function requestTimeouts(o: LocalServerOptions): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  const headersTimeout = o.headersTimeoutMs ?? 10_000;
  const requestTimeout = o.requestTimeoutMs ?? 60_000;
  for (const [name, value] of [
    ["headersTimeoutMs", headersTimeout],
    ["requestTimeoutMs", requestTimeout],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name}: expected a positive integer, received ${value}`);
  }
  if (headersTimeout > requestTimeout) throw new RangeError(`headersTimeoutMs (${headersTimeout}) must not exceed requestTimeoutMs (${requestTimeout})`);
  // Node checks the deadlines on this interval (default 30 s), so a short timeout needs a short interval.
  return { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 4))) };
}

/** The server; the package exports it through `start-on-demand.ts`, which documents it. */
export async function startLocalServer(o: LocalServerOptions = {}): Promise<LocalServer> {
  const port = o.port ?? 4126;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`port: expected an integer from 0 to 65535, received ${port}`);
  const host = o.host ?? "127.0.0.1";
  const persistence = o.dataFile !== undefined && o.backend === undefined ? await openSqlitePersistence(o.dataFile) : undefined;
  let service: LocalService;
  try {
    service = new LocalService(persistence ? { ...o, backend: new InMemoryBackend({ skipTime: o.skipTime ?? false, persistence }) } : o);
  } catch (error) {
    persistence?.close();
    throw error;
  }
  const router = createRouter(service);
  const server: Server = createServer(requestTimeouts(o), (req, res) => {
    if (handleStreamingTraffic(service, req, res)) return;
    if (openConsoleEvents(service, req, res)) return;
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    readRequest(req, abort.signal)
      .then((request) => router.handle(request))
      .catch((error: unknown) => errorResponse(error))
      .then((response) => writeResponse(res, response));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await service.close();
    persistence?.close();
    throw error;
  }
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
    functionProcessExited: (fn, reason) => service.runtime(fn)?.processExited(reason),
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
        persistence?.close();
      })();
      return closing;
    },
  };
}
