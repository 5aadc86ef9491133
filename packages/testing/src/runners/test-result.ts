import type { ErrorObject, Event, Operation } from "@aws-sdk/client-lambda";
import { operationsTable } from "../format/operations-table.js";
import { historyFixtureFrom, type HistoryFixture } from "../history/fixture.js";
import { decodePayload, toTestResultError, type TestResultError, type TestWarning } from "../sdk-io/index.js";

export type { TestWarning } from "../sdk-io/index.js";
import { DurableOperation } from "./durable-operation.js";
import { snapshotAccess, type OperationAccess } from "./operation-access.js";

/** One invocation of the handler during a test run. */
export interface Invocation {
  requestId: string;
  startTimestamp: Date;
  endTimestamp?: Date;
  /** SUCCEEDED / FAILED / PENDING as answered, or THROWN when the handler rejected. */
  status?: string;
  error?: TestResultError;
}

/** Warnings reported by the handlers of a runner, by execution. */
export class RunWarnings {
  private readonly byExecution = new Map<string, TestWarning[]>();

  add(executionArn: string, warning: TestWarning): void {
    const list = this.byExecution.get(executionArn) ?? [];
    list.push(warning);
    this.byExecution.set(executionArn, list);
  }

  of(executionArn: string): TestWarning[] {
    return [...(this.byExecution.get(executionArn) ?? [])];
  }
}

/** Final state of a test execution. */
export interface TestResultData {
  status: string;
  result?: string;
  error?: ErrorObject;
  operations: Operation[];
  invocations: Invocation[];
  /** Every history event of the execution, oldest first (all pages of GetDurableExecutionHistory). */
  history?: Event[];
  executionArn?: string;
  /**
   * The backend that ran the execution. With `executionArn`, {@link TestResult.getHistory} reads the
   * complete operation list (EXECUTION included) from it; without it, the EXECUTION operation is
   * rebuilt from the ExecutionStarted event.
   */
  backend?: { getOperations(executionArn: string): Operation[] };
  /** Warnings the SDK reported through the runner's transport (only `@durable-ts/sdk` reports). */
  warnings?: TestWarning[];
}

/** The outcome of `runner.run()`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped result is any
export class TestResult<TResult = any> {
  private readonly data: TestResultData;
  private readonly access: OperationAccess;

  constructor(data: TestResultData, live?: OperationAccess) {
    this.data = data;
    this.access = snapshotAccess(() => this.data.operations, live);
  }

  /** SUCCEEDED, FAILED, TIMED_OUT or STOPPED. */
  getStatus(): string {
    return this.data.status;
  }

  /** The handler's result (JSON-decoded). Throws unless the execution SUCCEEDED. */
  getResult(): TResult | undefined {
    if (this.data.status !== "SUCCEEDED") {
      const error = this.data.error;
      throw new Error(`Execution ${this.data.status}, so it has no result${error ? `: ${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}` : ""}`);
    }
    return this.data.result === undefined || this.data.result === "" ? undefined : (JSON.parse(this.data.result) as TResult);
  }

  /** The execution's error. Throws if it SUCCEEDED. */
  getError(): TestResultError {
    if (this.data.status === "SUCCEEDED") throw new Error("Execution SUCCEEDED, so it has no error");
    return toTestResultError(this.data.error) ?? {};
  }

  /** Every operation except EXECUTION, in start order; optionally only those with a status. */
  getOperations(filter: { status?: string } = {}): DurableOperation[] {
    return this.data.operations
      .filter((operation) => filter.status === undefined || operation.Status === filter.status)
      .map((operation) => new DurableOperation(this.access, { by: "id", id: operation.Id as string }));
  }

  /** The n-th (0-based) operation with that name. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the official kit's default: an untyped handle's result is any
  getOperation<T = any>(name: string, index = 0): DurableOperation<T> {
    return new DurableOperation<T>(this.access, { by: "name", name, index });
  }

  getInvocations(): Invocation[] {
    return [...this.data.invocations];
  }

  /**
   * Warnings the SDK raised during the run, oldest first: e.g. `UNAWAITED_OPERATIONS` naming every
   * operation nobody awaited that was still running or had failed when the handler returned.
   * Empty for handlers built with the official SDK (it reports none).
   */
  getWarnings(): TestWarning[] {
    return structuredClone(this.data.warnings ?? []);
  }

  /**
   * Every history event of the execution (protocol §10), oldest first, as
   * `GetDurableExecutionHistory` returns them (client-lambda `Event` shape, timestamps as `Date`).
   * @throws Error when the runner recorded no history for this result.
   */
  getHistoryEvents(): Event[] {
    if (this.data.history === undefined) {
      throw new Error("This TestResult carries no history events: the runner must pass TestResultData.history");
    }
    return structuredClone(this.data.history);
  }

  /**
   * The execution as a replayable {@link HistoryFixture}: its operations in start order (EXECUTION
   * first), input, and result or error. `JSON.stringify` it to save a fixture file, and replay it
   * later with `replayHistory` / `expectReplayMatches`.
   */
  getHistory(): HistoryFixture {
    const { executionArn, backend, history } = this.data;
    let operations: Operation[];
    if (backend !== undefined && executionArn !== undefined) {
      operations = backend.getOperations(executionArn);
    } else {
      // The runner leaves EXECUTION out of `operations`: rebuild it from the ExecutionStarted event.
      const started = history?.find((event) => event.EventType === "ExecutionStarted");
      const execution: Operation[] = [];
      if (started?.Id !== undefined) {
        const input = started.ExecutionStartedDetails?.Input?.Payload;
        execution.push({
          Id: started.Id,
          Type: "EXECUTION",
          Status: this.data.status as Operation["Status"],
          StartTimestamp: started.EventTimestamp,
          ExecutionDetails: input === undefined ? {} : { InputPayload: input },
        });
      }
      operations = [...execution, ...this.data.operations];
    }
    return historyFixtureFrom({
      operations,
      executionArn,
      status: this.data.status,
      result: this.data.result,
      error: this.data.error,
    });
  }

  /** Decoded step/context result of the first operation with that name (shortcut for tests). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the default users rely on: an untyped result is any, as with getOperation
  getOperationResult<T = any>(name: string): T | undefined {
    const operation = this.data.operations.find((candidate) => candidate.Name === name);
    return decodePayload<T>(operation?.StepDetails?.Result ?? operation?.ContextDetails?.Result);
  }

  /**
   * Prints the operations table (the one `durable-ts run` prints: parents by indentation, short
   * ids, at most 100 columns) and the outcome with `console.log`.
   */
  print(): void {
    const { status, result, error } = this.data;
    const outcome = status === "SUCCEEDED" ? `Result: ${result ?? "(none)"}` : `Error: ${error?.ErrorType ?? "Error"}: ${error?.ErrorMessage ?? ""}`;
    console.log(`${operationsTable(this.data.operations)}\n\nStatus: ${status}\n${outcome}`);
  }
}
