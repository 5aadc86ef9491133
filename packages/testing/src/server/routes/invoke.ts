/**
 * Invoke (`POST /2015-03-31/functions/{FunctionName}/invocations`) of a durable function: starts
 * an execution named by `X-Amz-Durable-Execution-Name` (idempotent for the same payload),
 * answers its ARN in `X-Amz-Durable-Execution-Arn`, and either waits for its end
 * (RequestResponse: the result, or `X-Amz-Function-Error` with the error document) or answers
 * 202 at once (Event). DryRun answers 204 and starts nothing.
 */
import { functionNameOf } from "../../invoker/index.js";
import { invalidParameterValue, invalidRequestContent, requestTooLarge, resourceNotFound } from "../errors.js";
import type { ServiceResponse } from "../http.js";
import { localFunctionArn, type LocalService } from "../local-service.js";
import { route, type Route } from "../router.js";
import { invokePlain } from "./plain-invoke.js";

const INVOCATION_TYPES = ["RequestResponse", "Event", "DryRun"];
const SYNC_PAYLOAD_BYTES = 6_291_456;
export const ASYNC_PAYLOAD_BYTES = 1_048_576;
export const EXECUTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function invokeRoutes(service: LocalService): Route[] {
  return [route({ method: "POST", pattern: "/2015-03-31/functions/{FunctionName}/invocations", handler: (req, { FunctionName }) => invoke(service, FunctionName, req) })];
}

async function invoke(
  service: LocalService,
  functionName: string,
  req: { headers: Record<string, string | undefined>; body: Buffer; signal: AbortSignal },
): Promise<ServiceResponse> {
  const name = functionNameOf(functionName);
  if (!service.hasFunction(name)) throw resourceNotFound(`Function not found: ${localFunctionArn(name)}`);
  const invocationType = req.headers["x-amz-invocation-type"] ?? "RequestResponse";
  if (!INVOCATION_TYPES.includes(invocationType)) {
    throw invalidParameterValue(`X-Amz-Invocation-Type must be one of ${INVOCATION_TYPES.join(", ")}, received ${JSON.stringify(invocationType)}`);
  }
  const executionName = req.headers["x-amz-durable-execution-name"];
  if (executionName !== undefined && !EXECUTION_NAME.test(executionName)) {
    throw invalidParameterValue(`X-Amz-Durable-Execution-Name must be 1-64 characters of [a-zA-Z0-9-_], received ${JSON.stringify(executionName)}`);
  }
  const limit = invocationType === "Event" ? ASYNC_PAYLOAD_BYTES : SYNC_PAYLOAD_BYTES;
  if (req.body.byteLength > limit) throw requestTooLarge(`${invocationType} payload is ${req.body.byteLength} bytes, over the limit of ${limit} bytes`);
  const payload = req.body.byteLength === 0 ? undefined : req.body.toString("utf8");
  if (payload !== undefined) {
    try {
      JSON.parse(payload);
    } catch (error) {
      throw invalidRequestContent(`Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (invocationType === "DryRun") return { status: 204 };
  if (service.isPlain(name)) return invokePlain(service.runtime(name)!, payload, invocationType === "Event", req.headers["x-amz-log-type"] === "Tail");

  const executionArn = service.startExecution(name, payload, executionName, invocationType === "Event" ? "Event" : "RequestResponse");
  const headers: Record<string, string> = { "x-amz-durable-execution-arn": executionArn, "x-amz-executed-version": "$LATEST" };
  if (invocationType === "Event") return { status: 202, headers };

  await service.waitForEnd(executionArn, req.signal);
  const execution = await service.backend.getDurableExecution({ DurableExecutionArn: executionArn });
  if (execution.Status === "SUCCEEDED") {
    return { status: 200, headers: { ...headers, "content-type": "application/json" }, body: execution.Result ?? "" };
  }
  if (execution.Status === "RUNNING") {
    // Only when the client left: nobody reads this answer.
    return { status: 200, headers };
  }
  const error = execution.Error ?? {};
  const document: Record<string, unknown> = {
    errorType: error.ErrorType ?? `Execution${execution.Status === "TIMED_OUT" ? "TimedOut" : execution.Status === "STOPPED" ? "Stopped" : "Failed"}`,
    errorMessage: error.ErrorMessage ?? `The durable execution ended ${execution.Status}`,
  };
  if (error.ErrorData !== undefined) document.errorData = error.ErrorData;
  if (error.StackTrace !== undefined) document.stackTrace = error.StackTrace;
  return {
    status: 200,
    headers: { ...headers, "content-type": "application/json", "x-amz-function-error": "Unhandled" },
    body: JSON.stringify(document),
  };
}
