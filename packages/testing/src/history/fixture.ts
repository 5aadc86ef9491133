/**
 * History fixtures: an execution's operations saved as versioned JSON, to replay against later
 * versions of the code (see docs/testing/history-and-replay.md).
 */
import { readFileSync } from "node:fs";
import type {
  ErrorObject,
  Event,
  GetDurableExecutionCommandOutput,
  GetDurableExecutionHistoryCommandInput,
  GetDurableExecutionHistoryCommandOutput,
  GetDurableExecutionStateCommandOutput,
  Operation,
} from "@aws-sdk/client-lambda";
import { clientLambda } from "../client-lambda/index.js";
import { operationsFromHistory } from "./history-operations.js";

/**
 * An execution's operations, as the service stores them, in start order (EXECUTION first).
 * Saved as JSON (`JSON.stringify` writes timestamps as ISO strings); {@link loadHistory} restores
 * them to `Date`.
 *
 * `result` / `error` are ours and optional: the execution's outcome, when it ended SUCCEEDED /
 * FAILED. With them, a replay of a finished history also checks that the code still ends the same way.
 */
export interface HistoryFixture {
  /** Format version; a reader treats a missing version as 1. */
  formatVersion: 1;
  executionArn?: string;
  /** The execution's input payload (JSON text), also held by the EXECUTION operation. */
  input?: string;
  operations: Operation[];
  /** The execution's `Result` when it SUCCEEDED. */
  result?: string;
  /** The execution's `Error` when it FAILED. */
  error?: ErrorObject;
}

/** Where {@link readHistoryEvents} reads events from: the in-memory backend, or an adapter over a client. */
export interface HistoryEventSource {
  getDurableExecutionHistory(input: GetDurableExecutionHistoryCommandInput): Promise<Pick<GetDurableExecutionHistoryCommandOutput, "Events" | "NextMarker">>;
}

/** Anything with the client-lambda `send`: a `LambdaClient`, or a test double. */
export interface LambdaClientLike {
  send(command: unknown): Promise<unknown>;
}

const TERMINAL_EXECUTION = new Set(["SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"]);
const PAGE_SIZE = 1000;

/** Every history event of an execution, oldest first, reading all pages. */
export async function readHistoryEvents(source: HistoryEventSource, executionArn: string): Promise<Event[]> {
  const events: Event[] = [];
  let marker: string | undefined;
  do {
    const page = await source.getDurableExecutionHistory({ DurableExecutionArn: executionArn, MaxItems: PAGE_SIZE, Marker: marker });
    events.push(...(page.Events ?? []));
    marker = page.NextMarker || undefined;
  } while (marker);
  return events;
}

/**
 * Builds a fixture from operations (EXECUTION included or not) and what is known of the execution.
 * Without an EXECUTION operation, one is made up from `executionArn` and `input`, since replay
 * needs it to read the input.
 */
export function historyFixtureFrom(o: {
  operations: Operation[];
  executionArn?: string;
  input?: string;
  status?: string;
  result?: string;
  error?: ErrorObject;
}): HistoryFixture {
  const operations = structuredClone(o.operations);
  let execution = operations.find((op) => op.Type === "EXECUTION");
  const input = o.input ?? execution?.ExecutionDetails?.InputPayload;
  if (!execution) {
    execution = {
      Id: executionIdOf(o.executionArn),
      Type: "EXECUTION",
      Status: (o.status as Operation["Status"]) ?? "STARTED",
      StartTimestamp: operations[0]?.StartTimestamp ?? new Date(0),
      ExecutionDetails: input === undefined ? {} : { InputPayload: input },
    };
    operations.unshift(execution);
  } else if (input !== undefined && execution.ExecutionDetails?.InputPayload === undefined) {
    execution.ExecutionDetails = { ...execution.ExecutionDetails, InputPayload: input };
  }
  // Key order is the order a saved file shows them in.
  const fixture: HistoryFixture = {
    formatVersion: 1,
    ...(o.executionArn !== undefined && { executionArn: o.executionArn }),
    ...(input !== undefined && { input }),
    operations,
  };
  const status = o.status ?? execution.Status;
  if (status === "SUCCEEDED" && o.result !== undefined) fixture.result = o.result;
  if (status !== "SUCCEEDED" && status !== undefined && TERMINAL_EXECUTION.has(status) && o.error !== undefined) fixture.error = structuredClone(o.error);
  return fixture;
}

/** The EXECUTION operation's Id is the ARN's last segment (protocol §1). */
function executionIdOf(executionArn: string | undefined): string {
  const last = executionArn?.split("/").at(-1);
  return last && /^[a-zA-Z0-9-_]{1,64}$/.test(last) ? last : "replay-execution";
}

/**
 * Builds a fixture of an execution through the Lambda API (+ input and outcome from
 * `GetDurableExecution`):
 * - with `checkpointToken`: from `GetDurableExecutionState` pages, exactly the (pruned) state an
 *   invocation would receive. That call reads with the execution's *current* token, which exists
 *   only while an invocation runs (e.g. the invocation event's `CheckpointToken`);
 * - without it: rebuilt from `GetDurableExecutionHistory` events, which works for any execution,
 *   running or ended (what events do not record, such as a context's `ReplayChildren`, is absent).
 *
 * @throws the client's errors as they are; a TypeError for a missing ARN.
 */
export async function fetchHistory(
  client: LambdaClientLike,
  executionArn: string,
  options: { checkpointToken?: string; pageSize?: number } = {},
): Promise<HistoryFixture> {
  if (typeof executionArn !== "string" || executionArn === "") {
    throw new TypeError(`fetchHistory: executionArn must be a non-empty string, received ${JSON.stringify(executionArn)}`);
  }
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const token = options.checkpointToken;
  if (token !== undefined && (typeof token !== "string" || token === "")) {
    throw new TypeError(`fetchHistory: options.checkpointToken must be a non-empty string when given, received ${JSON.stringify(token)}`);
  }
  const { GetDurableExecutionCommand, GetDurableExecutionHistoryCommand, GetDurableExecutionStateCommand } = clientLambda();
  const execution = (await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: executionArn }))) as GetDurableExecutionCommandOutput;
  const operations: Operation[] = [];
  let marker: string | undefined;
  if (token !== undefined) {
    do {
      const page = (await client.send(
        new GetDurableExecutionStateCommand({ DurableExecutionArn: executionArn, CheckpointToken: token, Marker: marker, MaxItems: pageSize }),
      )) as GetDurableExecutionStateCommandOutput;
      operations.push(...(page.Operations ?? []).map(reviveOperation));
      marker = page.NextMarker || undefined;
    } while (marker);
  } else {
    const events: Event[] = [];
    do {
      const page = (await client.send(
        new GetDurableExecutionHistoryCommand({ DurableExecutionArn: executionArn, Marker: marker, MaxItems: pageSize, IncludeExecutionData: true }),
      )) as GetDurableExecutionHistoryCommandOutput;
      events.push(...(page.Events ?? []));
      marker = page.NextMarker || undefined;
    } while (marker);
    const started = events.find((event) => event.EventType === "ExecutionStarted");
    const executionOp: Operation = {
      Id: started?.Id ?? executionIdOf(executionArn),
      Type: "EXECUTION",
      Status: execution.Status as Operation["Status"],
      StartTimestamp: reviveDate(execution.StartTimestamp ?? started?.EventTimestamp),
      ExecutionDetails: execution.InputPayload === undefined ? {} : { InputPayload: execution.InputPayload },
    };
    if (execution.EndTimestamp !== undefined) executionOp.EndTimestamp = reviveDate(execution.EndTimestamp);
    operations.push(executionOp, ...operationsFromHistory(events));
  }
  return historyFixtureFrom({
    operations,
    executionArn,
    input: execution.InputPayload,
    status: execution.Status,
    result: execution.Result,
    error: execution.Error,
  });
}

/**
 * Reads a fixture: the object itself, its JSON text, or the path of a JSON file. Timestamps (ISO
 * strings or epoch-ms numbers) become `Date`s. Never changes its argument.
 * @throws TypeError naming the problem (unreadable file, bad JSON, unknown version, no operations).
 */
export function loadHistory(history: HistoryFixture | string): HistoryFixture {
  let raw: unknown = history;
  if (typeof history === "string") {
    const text = history.trimStart().startsWith("{") ? history : readFixtureFile(history);
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new TypeError(`History fixture is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof raw !== "object" || raw === null) throw new TypeError(`History fixture must be an object, received ${typeof raw}`);
  const fixture = raw as Partial<HistoryFixture> & { formatVersion?: unknown };
  const version = fixture.formatVersion ?? 1;
  if (version !== 1) throw new TypeError(`History fixture formatVersion ${JSON.stringify(version)} is not supported (expected 1)`);
  if (!Array.isArray(fixture.operations)) throw new TypeError("History fixture must have an operations array");
  for (const [index, op] of fixture.operations.entries()) {
    if (typeof op !== "object" || op === null || typeof op.Id !== "string" || typeof op.Type !== "string") {
      throw new TypeError(`History fixture operations[${index}] must be an operation with a string Id and Type`);
    }
  }
  const copy = structuredClone(fixture) as HistoryFixture;
  copy.formatVersion = 1;
  copy.operations = copy.operations.map(reviveOperation);
  return historyFixtureFrom(copy);
}

function readFixtureFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new TypeError(`History fixture file ${JSON.stringify(path)} cannot be read: ${(error as Error).message}`);
  }
}

function reviveDate(value: Date | string | number | undefined): Date {
  return value === undefined ? new Date(0) : new Date(value);
}

/** Turns every `…Timestamp` field (ISO string or epoch ms) of an operation, details included, into a Date. */
function reviveOperation(operation: Operation): Operation {
  const revive = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(revive);
    if (typeof value !== "object" || value === null || value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = key.endsWith("Timestamp") && (typeof inner === "string" || typeof inner === "number") ? new Date(inner) : revive(inner);
    }
    return out;
  };
  return revive(operation) as Operation;
}
