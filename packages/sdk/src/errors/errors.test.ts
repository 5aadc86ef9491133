import { describe, expect, it } from "vitest";
import {
  BatchCompletionError,
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  CancelledError,
  ChildContextError,
  ConfigError,
  DurableError,
  DurableExecutionClientError,
  DurableOperationError,
  ErrorCode,
  InvalidEventError,
  InvokeError,
  NonDeterministicExecutionError,
  PayloadTooLargeError,
  PromiseCombinatorError,
  SerdesError,
  StepError,
  StepInterruptedError,
  StepTimeoutError,
  WaitForConditionError,
} from "./index.js";

describe("DurableOperationError subclasses", () => {
  const classes = [
    [StepError, ErrorCode.STEP_FAILED],
    [CallbackError, ErrorCode.CALLBACK_FAILED],
    [CallbackExternalError, ErrorCode.CALLBACK_EXTERNAL_FAILED],
    [CallbackTimeoutError, ErrorCode.CALLBACK_TIMED_OUT],
    [CallbackSubmitterError, ErrorCode.CALLBACK_SUBMITTER_FAILED],
    [InvokeError, ErrorCode.INVOKE_FAILED],
    [ChildContextError, ErrorCode.CHILD_CONTEXT_FAILED],
    [WaitForConditionError, ErrorCode.WAIT_FOR_CONDITION_FAILED],
    [PromiseCombinatorError, ErrorCode.PROMISE_COMBINATOR_FAILED],
    [BatchCompletionError, ErrorCode.BATCH_COMPLETION_FAILED],
  ] as const;

  it.each(classes)("%o has name = errorType = class name, its code and (message, cause, errorData)", (Cls, code) => {
    const cause = new TypeError("inner");
    const e = new Cls("outer", cause, '{"k":1}');
    expect(e).toBeInstanceOf(DurableOperationError);
    expect(e).toBeInstanceOf(DurableError);
    expect(e.name).toBe(Cls.name);
    expect(e.errorType).toBe(Cls.name);
    expect(e.code).toBe(code);
    expect(e.message).toBe("outer");
    expect(e.cause).toBe(cause);
    expect(e.errorData).toBe('{"k":1}');
    expect(e.stack?.split("\n")[0]).toBe(`${Cls.name}: outer`);
  });

  it("keeps only the fields given: no own cause, errorData, name or code", () => {
    const e = new StepError("x");
    expect(Object.keys(e)).toEqual([]);
    expect(Object.prototype.hasOwnProperty.call(e, "cause")).toBe(false);
  });

  it("callback errors are all CallbackErrors", () => {
    expect(new CallbackTimeoutError("t")).toBeInstanceOf(CallbackError);
    expect(new CallbackExternalError("t")).toBeInstanceOf(CallbackError);
    expect(new CallbackSubmitterError("t")).toBeInstanceOf(CallbackError);
  });

  it("a subclass defined outside the SDK gets its own class name", () => {
    class PaymentDeclined extends StepError {}
    expect(new PaymentDeclined("no").name).toBe("PaymentDeclined");
    expect(new PaymentDeclined("no").code).toBe("STEP_FAILED");
  });

  it("toErrorObject / fromErrorObject restore the same subclass", () => {
    const e = new InvokeError("child failed", new RangeError("too big"), "data");
    const back = DurableOperationError.fromErrorObject(e.toErrorObject());
    expect(back).toBeInstanceOf(InvokeError);
    expect(back).toMatchObject({ message: "child failed", errorData: "data", code: "INVOKE_FAILED" });
    expect(back.cause).toBeInstanceOf(RangeError);
    expect(back.stackTrace).toEqual(e.stack?.split("\n"));
  });

  it("fromErrorObject wraps any other recorded error in a StepError with it as cause", () => {
    const back = DurableOperationError.fromErrorObject({ ErrorType: "TypeError", ErrorMessage: "x" });
    expect(back).toBeInstanceOf(StepError);
    expect(back.message).toBe("x");
    expect(back.cause).toBeInstanceOf(TypeError);
  });

  it("fromErrorObject reads official-SDK errors: ErrorData becomes errorData verbatim", () => {
    const back = DurableOperationError.fromErrorObject({
      ErrorType: "CallbackTimeoutError",
      ErrorMessage: "late",
      ErrorData: "not json",
      StackTrace: ["CallbackTimeoutError: late", "    at x"],
    });
    expect(back).toBeInstanceOf(CallbackTimeoutError);
    expect(back.errorData).toBe("not json");
    expect(back.stack).toBe("CallbackTimeoutError: late\n    at x");
  });
});

describe("other SDK errors", () => {
  it("StepInterruptedError carries operationId and attempt", () => {
    const e = new StepInterruptedError({ operationId: "abc", attempt: 2 });
    expect(e).toMatchObject({ name: "StepInterruptedError", code: "STEP_INTERRUPTED", operationId: "abc", attempt: 2 });
    expect(e.message).toContain("abc");
  });

  it("StepTimeoutError carries timeoutMs", () => {
    expect(new StepTimeoutError(1500)).toMatchObject({ code: "STEP_TIMEOUT", timeoutMs: 1500, message: "Step attempt timed out after 1500 ms" });
  });

  it("CancelledError carries its reason", () => {
    expect(new CancelledError("BATCH_COMPLETED")).toMatchObject({ name: "CancelledError", code: "CANCELLED", reason: "BATCH_COMPLETED" });
  });

  it("ConfigError carries its own code and the field", () => {
    const e = new ConfigError("INVALID_NAME", "bad name", "name");
    expect(e).toMatchObject({ name: "ConfigError", code: "INVALID_NAME", field: "name", message: "bad name" });
    expect("field" in new ConfigError("CONTEXT_MISUSE", "x")).toBe(false);
  });

  it("PayloadTooLargeError names the operation and both sizes", () => {
    const e = new PayloadTooLargeError({ operation: "fetch", sizeBytes: 300_000, limitBytes: 262_144 });
    expect(e.message).toBe("Payload of fetch is 300000 bytes, over the limit of 262144 bytes");
    expect(e).toMatchObject({ code: "PAYLOAD_TOO_LARGE", operation: "fetch", sizeBytes: 300_000, limitBytes: 262_144 });
  });

  it("SerdesError describes direction, operation and cause", () => {
    const cause = new Error("circular");
    const e = new SerdesError({ direction: "serialize", retryable: false, operation: "s1", cause });
    expect(e.message).toBe('Could not serialize the value of operation "s1": circular');
    expect(e).toMatchObject({ code: "SERDES_FAILED", direction: "serialize", retryable: false, operation: "s1", cause });
  });

  it("InvalidEventError carries source, issues and field", () => {
    const issues = [{ message: "required", path: ["a", { key: 0 }] }];
    const e = new InvalidEventError({ source: "input", message: "bad input", issues, field: "a" });
    expect(e).toMatchObject({ name: "InvalidEventError", code: "INVALID_EVENT", source: "input", issues, field: "a" });
  });

  it("DurableExecutionClientError carries scope, status and service error name", () => {
    const cause = new Error("net");
    const e = new DurableExecutionClientError({ scope: "INVOCATION", message: "checkpoint failed", statusCode: 503, serviceErrorName: "ServiceException", cause });
    expect(e).toMatchObject({ code: "DURABLE_EXECUTION_CLIENT_ERROR", scope: "INVOCATION", statusCode: 503, serviceErrorName: "ServiceException", cause });
  });
});

describe("NonDeterministicExecutionError", () => {
  const expected = { type: "STEP", subType: "Step", name: "charge-card" };
  const actual = { type: "WAIT", subType: "Wait", name: "cool-down" };

  it("builds the message from position, ids, expected and actual", () => {
    const e = new NonDeterministicExecutionError({ position: "2-3", operationId: "c22c60349630d688", parentId: "c81e728d9d4c2f63", expected, actual });
    expect(e.message).toBe(
      'Non-deterministic replay at 2-3 (id c22c60349630d688, parent c81e728d9d4c2f63): history has STEP/Step "charge-card", code called WAIT/Wait "cool-down"',
    );
    expect(e).toMatchObject({ code: "NON_DETERMINISTIC_EXECUTION", position: "2-3", expected, actual });
  });

  it("says when the code ended the context or the history has nothing", () => {
    expect(new NonDeterministicExecutionError({ position: "1", expected }).message).toBe(
      'Non-deterministic replay at 1: history has STEP/Step "charge-card", code ended the context',
    );
    expect(new NonDeterministicExecutionError({ position: "4", actual: { type: "STEP" } }).message).toBe(
      "Non-deterministic replay at 4: history has nothing, code called STEP",
    );
  });

  it("keeps a given message and leaves absent fields out", () => {
    const e = new NonDeterministicExecutionError({ position: "1", message: "custom" });
    expect(e.message).toBe("custom");
    expect(Object.keys(e)).toEqual(["position"]);
  });
});
