/**
 * Assertion matchers on a `TestResult`, as a plain object for `expect.extend` (vitest and jest
 * share the matcher contract: `this.isNot`, `this.equals`, `{ pass, message }`).
 * Every message states what was expected and what the execution did: its status, its result or
 * error, and its operations.
 */
import { isDeepStrictEqual } from "node:util";
import type { Operation } from "@aws-sdk/client-lambda";
import { isExecutionView, show, showError, showExecution, showOperation, type ExecutionView } from "./describe-execution.js";

/** Error criteria of `toFailWith`: each given field must match (a string exactly, a RegExp by test). */
export interface ExpectedError {
  errorType?: string | RegExp;
  errorMessage?: string | RegExp;
}

/** Criteria of `toHaveOperation`; each given field must match (status and type case-insensitively). */
export interface ExpectedOperation {
  status?: string;
  /** Attempts made, as `StepDetails.Attempt` records them (steps and waitForCondition). */
  attempts?: number;
  /** Wire type: STEP, WAIT, CALLBACK, CONTEXT, CHAINED_INVOKE. */
  type?: string;
}

/** The matchers as they appear on `expect(...)`; `R` is the assertion's return type. */
export interface DurableMatchers<R = unknown> {
  /** The execution SUCCEEDED and its result equals `expected` (deep equality; asymmetric matchers allowed). */
  toSucceedWith(expected: unknown): R;
  /** The execution ended without success (FAILED, TIMED_OUT, STOPPED) with a matching error; a string must occur in the message. */
  toFailWith(expected: string | RegExp | ExpectedError): R;
  /** Some operation named `name` matches every given criterion. */
  toHaveOperation(name: string, expected?: ExpectedOperation): R;
}

/** What a matcher returns. */
export interface MatcherOutcome {
  pass: boolean;
  message(): string;
}

/** The part of the framework's matcher context used here (present in vitest and jest). */
export interface MatcherThis {
  isNot?: boolean;
  equals?(a: unknown, b: unknown): boolean;
}

function toSucceedWith(this: MatcherThis, received: unknown, expected: unknown): MatcherOutcome {
  const execution = checkReceived(received, "toSucceedWith");
  const succeeded = execution.getStatus() === "SUCCEEDED";
  const equal = (a: unknown, b: unknown) => (typeof this.equals === "function" ? this.equals(a, b) : isDeepStrictEqual(a, b));
  const pass = succeeded && equal(execution.getResult(), expected);
  return {
    pass,
    message: () =>
      pass
        ? `Expected: the execution not to succeed with ${show(expected)}\n${showExecution(execution)}`
        : `Expected: the execution to succeed with ${show(expected)}\n${showExecution(execution)}`,
  };
}

function toFailWith(this: MatcherThis, received: unknown, expected: string | RegExp | ExpectedError): MatcherOutcome {
  const execution = checkReceived(received, "toFailWith");
  const wanted = describeExpectedError(expected);
  const failed = execution.getStatus() !== "SUCCEEDED";
  const error = failed ? execution.getError() : undefined;
  const pass = error !== undefined && errorMatches(error.errorType, error.errorMessage, expected);
  return {
    pass,
    message: () =>
      pass
        ? `Expected: the execution not to fail with ${wanted}\n${showExecution(execution)}`
        : `Expected: the execution to fail with ${wanted}\n${showExecution(execution)}${error ? `\n\nIts error: ${showError(error)}` : ""}`,
  };
}

function toHaveOperation(this: MatcherThis, received: unknown, name: string, expected: ExpectedOperation = {}): MatcherOutcome {
  const execution = checkReceived(received, "toHaveOperation");
  if (typeof name !== "string") throw new TypeError(`toHaveOperation: name must be a string, received ${show(name)}`);
  checkExpectedOperation(expected);
  const operations = execution.getOperations().map((handle) => handle.getOperationData());
  const named = operations.filter((operation) => operation.Name === name);
  const matching = named.filter((operation) => operationMatches(operation, expected));
  const pass = matching.length > 0;
  const wanted = `an operation named ${JSON.stringify(name)}${describeExpectedOperation(expected)}`;
  const found = named.length === 0 ? `no operation is named ${JSON.stringify(name)}` : `operations named ${JSON.stringify(name)}: ${named.map(showOperation).join("; ")}`;
  return {
    pass,
    message: () =>
      pass
        ? `Expected: no ${wanted.slice(3)}\nFound: ${matching.map(showOperation).join("; ")}\n${showExecution(execution)}`
        : `Expected: ${wanted}\nFound: ${found}\n${showExecution(execution)}`,
  };
}

/**
 * The matchers, ready for `expect.extend(durableMatchers)` under vitest or jest. Each takes a
 * `TestResult` (what `runner.run()` resolves to) and throws a TypeError for anything else.
 */
export const durableMatchers = { toSucceedWith, toFailWith, toHaveOperation };

function checkReceived(received: unknown, matcher: string): ExecutionView {
  if (!isExecutionView(received)) {
    throw new TypeError(`${matcher}: expected a TestResult (what runner.run() resolves to), received ${show(received)}`);
  }
  return received;
}

function textMatches(actual: string | undefined, expected: string | RegExp | undefined, contains: boolean): boolean {
  if (expected === undefined) return true;
  if (actual === undefined) return false;
  if (expected instanceof RegExp) {
    expected.lastIndex = 0; // a /g or /y pattern keeps state between test() calls
    return expected.test(actual);
  }
  return contains ? actual.includes(expected) : actual === expected;
}

function errorMatches(type: string | undefined, message: string | undefined, expected: string | RegExp | ExpectedError): boolean {
  if (typeof expected === "string" || expected instanceof RegExp) return textMatches(message, expected, true);
  return textMatches(type, expected.errorType, false) && textMatches(message, expected.errorMessage, false);
}

function describeExpectedError(expected: string | RegExp | ExpectedError): string {
  if (typeof expected === "string") return `an error whose message contains ${JSON.stringify(expected)}`;
  if (expected instanceof RegExp) return `an error whose message matches ${String(expected)}`;
  if (typeof expected !== "object" || expected === null || (expected.errorType === undefined && expected.errorMessage === undefined)) {
    throw new TypeError(`toFailWith: expected a string, a RegExp or { errorType?, errorMessage? } with at least one field, received ${show(expected)}`);
  }
  const parts: string[] = [];
  if (expected.errorType !== undefined) parts.push(`errorType ${show(expected.errorType)}`);
  if (expected.errorMessage !== undefined) parts.push(`errorMessage ${show(expected.errorMessage)}`);
  return `an error with ${parts.join(" and ")}`;
}

function checkExpectedOperation(expected: ExpectedOperation): void {
  if (typeof expected !== "object" || expected === null) {
    throw new TypeError(`toHaveOperation: criteria must be { status?, attempts?, type? }, received ${show(expected)}`);
  }
  const unknown = Object.keys(expected).filter((k) => k !== "status" && k !== "attempts" && k !== "type");
  if (unknown.length > 0) throw new TypeError(`toHaveOperation: unknown criteria [${unknown.join(", ")}]; accepted: status, attempts, type`);
}

function operationMatches(operation: Operation, expected: ExpectedOperation): boolean {
  const same = (a: string | undefined, b: string | undefined) => b === undefined || a?.toUpperCase() === b.toUpperCase();
  return (
    same(operation.Status, expected.status) &&
    same(operation.Type, expected.type) &&
    (expected.attempts === undefined || operation.StepDetails?.Attempt === expected.attempts)
  );
}

function describeExpectedOperation(expected: ExpectedOperation): string {
  const parts: string[] = [];
  if (expected.type !== undefined) parts.push(`type ${expected.type.toUpperCase()}`);
  if (expected.status !== undefined) parts.push(`status ${expected.status.toUpperCase()}`);
  if (expected.attempts !== undefined) parts.push(`attempts ${expected.attempts}`);
  return parts.length === 0 ? "" : ` with ${parts.join(", ")}`;
}
