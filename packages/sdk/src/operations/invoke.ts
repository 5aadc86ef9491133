import { ConfigError, InvokeError } from "../errors/index.js";
import { jsonSerdes, serializeValue, type Serdes } from "../serdes/index.js";
import { assertPayloadFits } from "../replay/codec.js";
import { runOperation, serviceSettled, untilServiceSettles, type OperationKind } from "../replay/engine.js";
import type { OperationScope } from "../replay/host.js";

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
export function runInvoke<I, O>(scope: OperationScope, name: string | undefined, functionId: string, input: I | undefined, config: InvokeConfig<I, O> = {}): Promise<O> {
  const kind: OperationKind<O> = {
    type: "CHAINED_INVOKE",
    subType: "ChainedInvoke",
    label: "invoke",
    details: (stored) => stored.ChainedInvokeDetails,
    read: (payload, position) => position.decode((config.resultSerdes ?? jsonSerdes) as Serdes<O>, payload),
    failure: (cause, stored) => {
      // The invoked function's message as is, as the official SDK reports it (tests assert on it).
      const message = cause.message || `Invoke of ${functionId} ${String(stored?.Status).toLowerCase().replace("_", " ")}`;
      return new InvokeError(message, cause);
    },
    settled: serviceSettled,
    waitsOn: { reason: "INVOKE", while: untilServiceSettles, timer: false },
    start: {
      when: "new",
      ack: true,
      fields: async (position) => {
        const payload = await serializeValue((config.payloadSerdes ?? jsonSerdes) as Serdes<I>, input, position.serdesContext());
        assertPayloadFits(payload, position.services.limits.maxOperationPayloadBytes, () => position.describe("invoke"));
        return { Payload: payload, ChainedInvokeOptions: { FunctionName: functionId, TenantId: config.tenantId } };
      },
    },
  };
  return runOperation(scope, kind, name);
}
