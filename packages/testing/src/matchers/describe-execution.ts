/**
 * How the matchers show an execution in their messages: status, result or error, and the
 * operation tree, so a failed assertion says what the execution actually did.
 */
import type { Operation } from "@aws-sdk/client-lambda";
import { inspect } from "node:util";
import type { TestResultError } from "../sdk-io/index.js";

/** What the matchers read from a test result (structural, so a second copy of this package still fits). */
export interface ExecutionView {
  getStatus(): string;
  getResult(): unknown;
  getError(): TestResultError;
  getOperations(): { getOperationData(): Operation }[];
}

/** True when `value` looks like a `TestResult`. */
export function isExecutionView(value: unknown): value is ExecutionView {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ["getStatus", "getResult", "getError", "getOperations"].every((method) => typeof candidate[method] === "function");
}

/** A value as it appears in a message: one line when short, nested objects shown in full up to depth 6. */
export function show(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  return inspect(value, { depth: 6, breakLength: 100, compact: 3, sorted: false });
}

/** `ErrorType: message`, or what there is of it. */
export function showError(error: TestResultError | undefined): string {
  if (!error || (error.errorType === undefined && error.errorMessage === undefined)) return "no recorded error";
  return `${error.errorType ?? "Error"}: ${error.errorMessage ?? ""}`;
}

/** "it SUCCEEDED with 42" / "it FAILED with StepError: boom". */
export function showOutcome(execution: ExecutionView): string {
  const status = execution.getStatus();
  if (status === "SUCCEEDED") {
    let result: unknown;
    try {
      result = execution.getResult();
    } catch (error) {
      return `it SUCCEEDED, but its result could not be read (${(error as Error).message})`;
    }
    return `it SUCCEEDED with ${show(result)}`;
  }
  return `it ${status} with ${showError(execution.getError())}`;
}

/** One operation: `STEP "charge" SUCCEEDED, attempts 2`. */
export function showOperation(operation: Operation): string {
  const type = operation.SubType && operation.SubType.toUpperCase() !== operation.Type ? `${operation.Type} (${operation.SubType})` : operation.Type;
  const name = operation.Name === undefined ? "(unnamed)" : JSON.stringify(operation.Name);
  const attempts = operation.StepDetails?.Attempt !== undefined ? `, attempts ${operation.StepDetails.Attempt}` : "";
  const error = operation.StepDetails?.Error ?? operation.CallbackDetails?.Error ?? operation.ContextDetails?.Error ?? operation.ChainedInvokeDetails?.Error;
  const failure = error ? ` - ${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}` : "";
  return `${type} ${name} ${operation.Status}${attempts}${failure}`;
}

/** The operation tree, children indented under their parent, in start order. */
export function showOperations(operations: Operation[]): string {
  if (operations.length === 0) return "  (no operations)";
  const depth = new Map<string | undefined, number>();
  return operations
    .map((operation, index) => {
      const level = operation.ParentId !== undefined && depth.has(operation.ParentId) ? (depth.get(operation.ParentId) as number) + 1 : 0;
      depth.set(operation.Id, level);
      return `  ${"  ".repeat(level)}${index + 1}. ${showOperation(operation)}`;
    })
    .join("\n");
}

/** Status line, outcome and operations: the "what the execution did" part of every message. */
export function showExecution(execution: ExecutionView): string {
  const operations = execution.getOperations().map((handle) => handle.getOperationData());
  return `Received: ${showOutcome(execution)}\n\nOperations:\n${showOperations(operations)}`;
}
