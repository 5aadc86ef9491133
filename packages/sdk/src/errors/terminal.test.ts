import { describe, expect, it } from "vitest";
import {
  CancelledError,
  ConfigError,
  DurableExecutionClientError,
  InvalidEventError,
  NonDeterministicExecutionError,
  PayloadTooLargeError,
  SerdesError,
  StepError,
  StepTimeoutError,
} from "./index.js";
import { isCancelledError, isDurableError, isTerminalError } from "./terminal.js";

/** An error as another copy of the SDK would make it: same shape, other class. */
const foreign = (name: string, fields: Record<string, unknown>): Error => Object.assign(new Error("x"), { name, ...fields });

describe("isTerminalError", () => {
  it("is true for the terminal errors", () => {
    expect(isTerminalError(new NonDeterministicExecutionError({ position: "1" }))).toBe(true);
    expect(isTerminalError(new ConfigError("INVALID_DURATION", "x"))).toBe(true);
    expect(isTerminalError(new PayloadTooLargeError({ operation: "a", sizeBytes: 2, limitBytes: 1 }))).toBe(true);
    expect(isTerminalError(new SerdesError({ direction: "serialize", retryable: false }))).toBe(true);
    expect(isTerminalError(new InvalidEventError({ source: "input", message: "x" }))).toBe(true);
    expect(isTerminalError(new DurableExecutionClientError({ scope: "EXECUTION", message: "x" }))).toBe(true);
  });

  it("is false for the others", () => {
    expect(isTerminalError(new SerdesError({ direction: "serialize", retryable: true }))).toBe(false);
    expect(isTerminalError(new InvalidEventError({ source: "invocation", message: "x" }))).toBe(false);
    expect(isTerminalError(new InvalidEventError({ source: "callback", message: "x" }))).toBe(false);
    expect(isTerminalError(new DurableExecutionClientError({ scope: "INVOCATION", message: "x" }))).toBe(false);
    expect(isTerminalError(new StepError("x"))).toBe(false);
    expect(isTerminalError(new StepTimeoutError(1))).toBe(false);
    expect(isTerminalError(new CancelledError("INVOCATION_ENDING"))).toBe(false);
    expect(isTerminalError(new Error("x"))).toBe(false);
    expect(isTerminalError("ConfigError")).toBe(false);
    expect(isTerminalError(null)).toBe(false);
  });

  it("recognises errors from another copy of the SDK by name and code", () => {
    expect(isTerminalError(foreign("ConfigError", { code: "INVALID_NAME" }))).toBe(true);
    expect(isTerminalError(foreign("SerdesError", { code: "SERDES_FAILED", retryable: false }))).toBe(true);
    expect(isTerminalError(foreign("DurableExecutionClientError", { code: "DURABLE_EXECUTION_CLIENT_ERROR", scope: "EXECUTION" }))).toBe(true);
  });

  it("ignores a user error that only borrows a name", () => {
    expect(isTerminalError(foreign("ConfigError", {}))).toBe(false);
    expect(isTerminalError(foreign("ConfigError", { code: "ENOENT" }))).toBe(false);
  });
});

describe("isDurableError", () => {
  it("checks for an SDK code, optionally a given one", () => {
    expect(isDurableError(new StepError("x"))).toBe(true);
    expect(isDurableError(new StepError("x"), "STEP_FAILED")).toBe(true);
    expect(isDurableError(new StepError("x"), "CANCELLED")).toBe(false);
    expect(isDurableError(foreign("X", { code: "CANCELLED" }), "CANCELLED")).toBe(true);
    expect(isDurableError(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe(false);
    expect(isDurableError(undefined)).toBe(false);
  });

  it("isCancelledError matches CancelledError by name and code", () => {
    expect(isCancelledError(new CancelledError("BATCH_COMPLETED"))).toBe(true);
    expect(isCancelledError(foreign("CancelledError", { code: "CANCELLED" }))).toBe(true);
    expect(isCancelledError(new Error("CancelledError"))).toBe(false);
  });
});
