/**
 * The durable execution routes under `/2025-12-01/` (protocol §2): checkpoint, state, get,
 * history, stop, and list by function. Each parses the request the way client-lambda serializes
 * it, calls the backend's method of the same name and answers its output on the wire.
 */
import type { ErrorObject, OperationUpdate } from "@aws-sdk/client-lambda";
import { delay } from "../../clock/real-time.js";
import { invalidParameterValue, resourceNotFound } from "../errors.js";
import { json, type ServiceResponse } from "../http.js";
import type { LocalService } from "../local-service.js";
import { route, type Route } from "../router.js";
import { bodyField, queryBoolean, queryInteger, queryString, queryTimestamp, readJsonObject, toWireJson } from "../shapes.js";

const BASE = "/2025-12-01/durable-executions/{Arn}";
const EXECUTION_STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"];

function ok(output: object): ServiceResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: toWireJson(output) };
}

export function durableExecutionRoutes(service: LocalService): Route[] {
  const backend = service.backend;
  return [
    route({
      method: "POST",
      pattern: `${BASE}/checkpoint`,
      handler: async (req, { Arn }) => {
        const body = readJsonObject(req.body);
        const input = {
          DurableExecutionArn: Arn,
          CheckpointToken: bodyField<string>(body, "CheckpointToken", "string", true)!,
          Updates: bodyField<OperationUpdate[]>(body, "Updates", "array", false),
          ClientToken: bodyField<string>(body, "ClientToken", "string", false),
        };
        await delay(service.checkpointLatencyMs);
        return ok(await backend.checkpointDurableExecution(input));
      },
    }),
    route({
      method: "GET",
      pattern: `${BASE}/state`,
      handler: async (req, { Arn }) => {
        const token = queryString(req.query, "CheckpointToken");
        if (token === undefined) throw invalidParameterValue("CheckpointToken is required");
        return ok(
          await backend.getDurableExecutionState({
            DurableExecutionArn: Arn,
            CheckpointToken: token,
            Marker: queryString(req.query, "Marker"),
            MaxItems: queryInteger(req.query, "MaxItems", 0, 1000),
          }),
        );
      },
    }),
    route({
      method: "GET",
      pattern: BASE,
      handler: async (req, { Arn }) =>
        ok(await backend.getDurableExecution({ DurableExecutionArn: Arn, IncludeExecutionData: queryBoolean(req.query, "IncludeExecutionData") })),
    }),
    route({
      method: "GET",
      pattern: `${BASE}/history`,
      handler: async (req, { Arn }) =>
        ok(
          await backend.getDurableExecutionHistory({
            DurableExecutionArn: Arn,
            IncludeExecutionData: queryBoolean(req.query, "IncludeExecutionData"),
            MaxItems: queryInteger(req.query, "MaxItems", 0, 1000),
            Marker: queryString(req.query, "Marker"),
            ReverseOrder: queryBoolean(req.query, "ReverseOrder"),
          }),
        ),
    }),
    route({
      method: "POST",
      pattern: `${BASE}/stop`,
      handler: async (req, { Arn }) => {
        // The body is the optional Error itself (an httpPayload); the client sends `{}` without one.
        const body = readJsonObject(req.body);
        const error = Object.keys(body).length === 0 ? undefined : (body as ErrorObject);
        return ok(await backend.stopDurableExecution({ DurableExecutionArn: Arn, Error: error }));
      },
    }),
    route({
      method: "GET",
      pattern: "/2025-12-01/functions/{FunctionName}/durable-executions",
      handler: async (req, { FunctionName }) => listByFunction(service, FunctionName, req.query),
    }),
  ];
}

/** ListDurableExecutionsByFunction: filters, newest first (ReverseOrder: oldest first), MaxItems / Marker paging. */
async function listByFunction(service: LocalService, functionName: string, query: URLSearchParams): Promise<ServiceResponse> {
  const name = functionName.includes(":") ? (functionName.split(":function:")[1]?.split(":")[0] ?? functionName) : functionName;
  const executionName = queryString(query, "DurableExecutionName");
  const statuses = query.getAll("Statuses");
  for (const status of statuses) {
    if (!EXECUTION_STATUSES.includes(status)) throw invalidParameterValue(`Statuses must be among ${EXECUTION_STATUSES.join(", ")}, received ${JSON.stringify(status)}`);
  }
  const after = queryTimestamp(query, "StartedAfter");
  const before = queryTimestamp(query, "StartedBefore");
  const oldestFirst = queryBoolean(query, "ReverseOrder") === true;
  const maxItems = queryInteger(query, "MaxItems", 1, 1000) ?? 100;
  const marker = queryString(query, "Marker");
  let offset = 0;
  if (marker !== undefined) {
    const decoded = /^list:(\d+)$/.exec(Buffer.from(marker, "base64").toString("utf8"));
    if (!decoded) throw invalidParameterValue(`Marker is not valid for this request: ${JSON.stringify(marker)}`);
    offset = Number(decoded[1]);
  }
  const all = await service.executionsOf(name);
  if (all.length === 0 && !service.hasFunction(name)) throw resourceNotFound(`Function not found: ${functionName}`);
  const matching = all.filter(
    (e) =>
      (executionName === undefined || e.DurableExecutionName === executionName) &&
      (statuses.length === 0 || statuses.includes(e.Status as string)) &&
      (after === undefined || (e.StartTimestamp as Date) >= after) &&
      (before === undefined || (e.StartTimestamp as Date) <= before),
  );
  if (!oldestFirst) matching.reverse();
  const page = matching.slice(offset, offset + maxItems);
  const next = offset + page.length < matching.length ? Buffer.from(`list:${offset + page.length}`).toString("base64") : undefined;
  const DurableExecutions = page.map((e) => {
    const item: Record<string, unknown> = {
      DurableExecutionArn: e.DurableExecutionArn,
      DurableExecutionName: e.DurableExecutionName,
      FunctionArn: e.FunctionArn,
      Status: e.Status,
      StartTimestamp: e.StartTimestamp,
    };
    if (e.EndTimestamp !== undefined) item.EndTimestamp = e.EndTimestamp;
    return item;
  });
  const body = JSON.parse(toWireJson({ DurableExecutions, ...(next ? { NextMarker: next } : {}) }));
  return json(200, body);
}
