/**
 * The callback routes (protocol §2): succeed (the body is the raw Result bytes), fail (the body
 * is the ErrorObject) and heartbeat (no body), each answering `{}`.
 */
import type { ErrorObject } from "@aws-sdk/client-lambda";
import { json } from "../http.js";
import type { LocalService } from "../local-service.js";
import { route, type Route } from "../router.js";
import { readJsonObject } from "../shapes.js";

const BASE = "/2025-12-01/durable-execution-callbacks/{CallbackId}";

export function callbackRoutes(service: LocalService): Route[] {
  const backend = service.backend;
  return [
    route({
      method: "POST",
      pattern: `${BASE}/succeed`,
      handler: async (req, { CallbackId }) => {
        await backend.sendDurableExecutionCallbackSuccess({ CallbackId, Result: new Uint8Array(req.body) });
        return json(200, {});
      },
    }),
    route({
      method: "POST",
      pattern: `${BASE}/fail`,
      handler: async (req, { CallbackId }) => {
        const body = readJsonObject(req.body);
        await backend.sendDurableExecutionCallbackFailure({ CallbackId, Error: body as ErrorObject });
        return json(200, {});
      },
    }),
    route({
      method: "POST",
      pattern: `${BASE}/heartbeat`,
      handler: async (_req, { CallbackId }) => {
        await backend.sendDurableExecutionCallbackHeartbeat({ CallbackId });
        return json(200, {});
      },
    }),
  ];
}
