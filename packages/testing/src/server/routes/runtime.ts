/**
 * The Lambda Runtime API of each `{external: true}` function, under `/runtime/{fn}/2018-06-01/runtime/`
 * (so `AWS_LAMBDA_RUNTIME_API=<host:port>/runtime/<fn>`). Errors here use the Runtime API's own
 * shape `{errorType, errorMessage}`, not the service's.
 */
import type { ServiceResponse } from "../http.js";
import { json } from "../http.js";
import type { FunctionRuntime } from "../function-runtime.js";
import type { LocalService } from "../local-service.js";
import { route, type Route } from "../router.js";

const BASE = "/runtime/{Fn}/2018-06-01/runtime";

function runtimeError(status: number, errorType: string, errorMessage: string): ServiceResponse {
  return json(status, { errorType, errorMessage });
}

/** The `/error` and `/init/error` body; a body that is not the expected JSON still fails the invocation, with the text as message. */
function readErrorDocument(body: Buffer, headerType: string | undefined): { errorType: string; errorMessage: string; stackTrace?: string[] } {
  const text = body.toString("utf8");
  let parsed: unknown;
  try {
    parsed = text === "" ? {} : JSON.parse(text);
  } catch {
    parsed = { errorMessage: text };
  }
  const doc = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const stackTrace = Array.isArray(doc.stackTrace) ? doc.stackTrace.filter((line): line is string => typeof line === "string") : undefined;
  return {
    errorType: typeof doc.errorType === "string" ? doc.errorType : (headerType ?? "Runtime.Unknown"),
    errorMessage: typeof doc.errorMessage === "string" ? doc.errorMessage : text,
    stackTrace,
  };
}

export function runtimeRoutes(service: LocalService): Route[] {
  const withRuntime = (fn: string, action: (runtime: FunctionRuntime) => Promise<ServiceResponse> | ServiceResponse) => {
    const runtime = service.runtime(fn);
    if (!runtime) return runtimeError(404, "ResourceNotFound", `No external function ${JSON.stringify(fn)} is registered (register it with { external: true })`);
    return action(runtime);
  };
  return [
    route({
      method: "GET",
      pattern: `${BASE}/invocation/next`,
      handler: (req, { Fn }) =>
        withRuntime(Fn, async (runtime) => {
          const invocation = await runtime.next(req.signal);
          if (!invocation) return runtimeError(503, "ServiceUnavailable", "The poll was abandoned");
          return { status: 200, headers: invocation.headers, body: invocation.body };
        }),
    }),
    route({
      method: "POST",
      pattern: `${BASE}/invocation/{RequestId}/response`,
      handler: (req, { Fn, RequestId }) =>
        withRuntime(Fn, (runtime) =>
          runtime.respond(RequestId, req.body.toString("utf8"))
            ? json(202, { status: "OK" })
            : runtimeError(400, "InvalidRequestID", `No running invocation ${RequestId} (unknown, already answered or timed out)`),
        ),
    }),
    route({
      method: "POST",
      pattern: `${BASE}/invocation/{RequestId}/error`,
      handler: (req, { Fn, RequestId }) =>
        withRuntime(Fn, (runtime) =>
          runtime.fail(RequestId, readErrorDocument(req.body, req.headers["lambda-runtime-function-error-type"]))
            ? json(202, { status: "OK" })
            : runtimeError(400, "InvalidRequestID", `No running invocation ${RequestId} (unknown, already answered or timed out)`),
        ),
    }),
    route({
      method: "POST",
      pattern: `${BASE}/init/error`,
      handler: (req, { Fn }) =>
        withRuntime(Fn, (runtime) => {
          runtime.reportInitError(readErrorDocument(req.body, req.headers["lambda-runtime-function-error-type"]));
          return json(202, { status: "OK" });
        }),
    }),
  ];
}
