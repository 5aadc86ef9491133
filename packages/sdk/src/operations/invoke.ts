import type { Operation } from "@aws-sdk/client-lambda";
import { ConfigError, InvokeError } from "../errors/index.js";
import { jsonSerdes, serializeValue, type Serdes } from "../serdes/index.js";
import type { OperationScope } from "./host.js";
import { assertPayloadFits, describeOperation, serdesContext } from "./payload.js";
import { deserializeValue } from "../serdes/index.js";

export interface InvokeConfig<I, O> {
  /** Serializes the input. Default JSON. */
  payloadSerdes?: Serdes<I>;
  /** Reads the target's result. Default JSON. */
  resultSerdes?: Serdes<O>;
  tenantId?: string;
}

/** Lambda's FunctionName: a name, partial ARN or full ARN, optionally qualified (1–170 chars). */
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$/;

/** Throws `ConfigError{INVALID_FUNCTION_ID}` unless `functionId` is a valid Lambda function name or ARN. */
export function validateFunctionId(functionId: unknown): string {
  if (typeof functionId !== "string" || functionId.length === 0 || functionId.length > 170 || !FUNCTION_NAME.test(functionId)) {
    throw new ConfigError(
      "INVALID_FUNCTION_ID",
      `invoke: ${JSON.stringify(functionId)} is not a Lambda function name or ARN. With a string second argument, ` +
        `invoke(a, b) reads a as the operation name and b as the function; to pass a string input write invoke(undefined, functionId, "text")`,
      "funcId",
    );
  }
  return functionId;
}

/**
 * `context.invoke`: a CHAINED_INVOKE the service runs (another durable or plain function). The
 * START carries the serialized input and is acknowledged; the invocation suspends until the target
 * finishes, unless a checkpoint response brings the outcome while other work runs here.
 * FAILED, TIMED_OUT and STOPPED reject with `InvokeError` (cause keeps the target's error type).
 */
export async function runInvoke<I, O>(
  scope: OperationScope,
  name: string | undefined,
  functionId: string,
  input: I | undefined,
  config: InvokeConfig<I, O> = {},
): Promise<O> {
  const operation = scope.claim({ type: "CHAINED_INVOKE", subType: "ChainedInvoke", name });
  const { services } = scope;
  const context = serdesContext(services, operation);
  if (operation.stored === undefined) {
    await services.activity.run(async () => {
      const payload = await serializeValue((config.payloadSerdes ?? jsonSerdes) as Serdes<I>, input, context);
      assertPayloadFits(payload, services.limits.maxOperationPayloadBytes, describeOperation("invoke", operation));
      await scope.enqueue({
        Id: operation.id,
        ParentId: operation.parentId,
        Name: name,
        Type: "CHAINED_INVOKE",
        SubType: "ChainedInvoke",
        Action: "START",
        Payload: payload,
        ChainedInvokeOptions: { FunctionName: functionId, TenantId: config.tenantId },
      });
    });
  }
  let current = services.log.get(operation.id);
  if (current === undefined || current.Status === "STARTED") {
    current = await services.activity.waitOnService("INVOKE", services.log.watch(operation.id, (op) => op.Status !== "STARTED"));
  }
  const finished = current as Operation;
  return services.activity.run(async () => {
    if (finished.Status === "SUCCEEDED") {
      return (await deserializeValue((config.resultSerdes ?? jsonSerdes) as Serdes<O>, finished.ChainedInvokeDetails?.Result, context)) as O;
    }
    const cause = services.decodeError(finished.ChainedInvokeDetails?.Error);
    // The invoked function's message as is, as the official SDK reports it (tests assert on it).
    const message = cause.message || `Invoke of ${functionId} ${String(finished.Status).toLowerCase().replace("_", " ")}`;
    throw new InvokeError(message, cause);
  });
}
