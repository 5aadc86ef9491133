import type { Operation } from "@aws-sdk/client-lambda";
import { isDurableExecutionClient, type DurableExecutionClient } from "../checkpoint/index.js";
import { InvalidEventError } from "../errors/index.js";

/** The parts of an invocation event the SDK uses, validated. */
export interface ParsedEvent {
  executionArn: string;
  checkpointToken: string;
  /** First page of the state; `undefined` when the event carried none (then it is loaded from the start). */
  operations: Operation[] | undefined;
  nextMarker: string | undefined;
  /** A transport carried on the event (official testing kit convention), preferred over the configured one. */
  client: DurableExecutionClient | undefined;
}

/**
 * Validates a durable invocation event. A missing ARN or token means this is not a durable
 * invocation at all: `InvalidEventError{source:"invocation"}` naming the field, thrown.
 */
export function parseInvocationEvent(event: unknown): ParsedEvent {
  if (typeof event !== "object" || event === null) {
    throw invalid(`expected an object, received ${event === null ? "null" : typeof event}`, "event");
  }
  const record = event as Record<string, unknown>;
  const executionArn = requireString(record, "DurableExecutionArn");
  const checkpointToken = requireString(record, "CheckpointToken");
  const state = record.InitialExecutionState;
  let operations: Operation[] | undefined;
  let nextMarker: string | undefined;
  if (state !== undefined && state !== null) {
    if (typeof state !== "object") throw invalid("InitialExecutionState must be an object", "InitialExecutionState");
    const { Operations, NextMarker } = state as Record<string, unknown>;
    if (Operations !== undefined && !Array.isArray(Operations)) {
      throw invalid("InitialExecutionState.Operations must be an array", "InitialExecutionState.Operations");
    }
    if (NextMarker !== undefined && NextMarker !== null && typeof NextMarker !== "string") {
      throw invalid("InitialExecutionState.NextMarker must be a string", "InitialExecutionState.NextMarker");
    }
    operations = (Operations as Operation[] | undefined) ?? [];
    nextMarker = (NextMarker as string | null | undefined) || undefined;
  }
  const carried = record.durableExecutionClient;
  return {
    executionArn,
    checkpointToken,
    operations,
    nextMarker,
    client: isDurableExecutionClient(carried) ? carried : undefined,
  };
}

function requireString(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value !== "string" || value.length === 0) {
    throw invalid(
      `${field} is ${value === undefined ? "missing" : `not a non-empty string (received ${typeof value})`}: this is not a durable execution invocation`,
      field,
    );
  }
  return value;
}

function invalid(message: string, field: string): InvalidEventError {
  return new InvalidEventError({ source: "invocation", message: `Invalid durable invocation event: ${message}`, field });
}

/**
 * The first entry of the loaded state that is not an operation (null, a string, an object without
 * string `Id` and `Type`), as an `InvalidEventError` naming its position; undefined when
 * all are. `firstPageLength` tells entries of the event from those read by `GetDurableExecutionState`.
 * The state does not change on a retry, so the caller ends the execution FAILED instead of throwing.
 */
export function findInvalidOperation(operations: readonly unknown[], firstPageLength: number): InvalidEventError | undefined {
  for (let index = 0; index < operations.length; index++) {
    const operation = operations[index];
    const problem = operationProblem(operation);
    if (problem === undefined) continue;
    const field =
      index < firstPageLength
        ? `InitialExecutionState.Operations[${index}]`
        : `GetDurableExecutionState Operations (entry ${index - firstPageLength} after the event's ${firstPageLength})`;
    return new InvalidEventError({
      source: "invocation",
      message: `Invalid durable invocation state: ${field} ${problem}; expected an operation object with string Id and Type`,
      field,
    });
  }
  return undefined;
}

function operationProblem(operation: unknown): string | undefined {
  if (operation === null) return "is null";
  if (typeof operation !== "object" || Array.isArray(operation)) return `is ${Array.isArray(operation) ? "an array" : typeof operation}`;
  // Status is read by the replay engine at the positions it claims, not here: a tool that watches
  // which stored operations were read (the replay-history check) must see only those.
  for (const key of ["Id", "Type"] as const) {
    const value = (operation as Record<string, unknown>)[key];
    if (typeof value !== "string" || value.length === 0) return `has ${key} ${value === undefined ? "missing" : (JSON.stringify(value) ?? typeof value)}`;
  }
  return undefined;
}

/**
 * The handler's input from the EXECUTION operation: `JSON.parse(InputPayload)`, `{}` when absent
 * or empty. Unparseable input is terminal (`InvalidEventError{source:"input"}`).
 */
export function readExecutionInput(execution: Operation | undefined): unknown {
  if (execution === undefined) {
    throw new InvalidEventError({
      source: "input",
      message: "The execution state holds no EXECUTION operation, so the input cannot be read",
      field: "InitialExecutionState.Operations",
    });
  }
  const payload = execution.ExecutionDetails?.InputPayload;
  if (payload === undefined || payload === null || payload === "") return {};
  try {
    return JSON.parse(payload);
  } catch (error) {
    throw new InvalidEventError({
      source: "input",
      message: `The execution input is not valid JSON: ${(error as Error).message}`,
      field: "ExecutionDetails.InputPayload",
    });
  }
}
