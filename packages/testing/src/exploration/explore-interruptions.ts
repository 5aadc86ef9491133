/**
 * Systematic interruption testing: run a workflow once, then once more for every checkpoint call
 * with the invocation cut there, and check each interrupted run still behaves like the baseline.
 * See docs/testing/history-and-replay.md.
 */
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { CheckpointDurableExecutionRequest, CheckpointDurableExecutionResponse, OperationUpdate } from "@aws-sdk/client-lambda";
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import { clip } from "../format/table.js";
import { nonDeterminismOf } from "../history/non-determinism.js";
import { LocalDurableTestRunner, type LocalRunnerOptions } from "../runners/local-runner.js";
import type { StepAttemptInfo, StepBody } from "../runners/step-mocks.js";
import type { TestResult } from "../runners/test-result.js";
import { hang, type EventClient } from "../sdk-io/index.js";
import { InterruptionExplorationError } from "./interruption-error.js";
import type { CutMode, ExplorationFailure, ExplorationFailureKind, ExplorationOutcome, ExplorationReport } from "./report.js";

export type { ExplorationReport } from "./report.js";

/**
 * Options of {@link exploreInterruptions}. `callbacks`, `stepMocks` and `functions` are passed to
 * every `LocalDurableTestRunner` as they are.
 */
export interface ExploreOptions extends Pick<LocalRunnerOptions, "callbacks" | "stepMocks" | "functions"> {
  /**
   * `"checkpoints"` (default): cut at every checkpoint call, modes `ack` and `lost-response`.
   * `"all"`: also `mid-batch` at every split of a batch of n ≥ 2 updates (j = 1 … n-1).
   */
  points?: "checkpoints" | "all";
  /** At most this many interrupted runs (default 200); above it, points are picked evenly across the run. */
  maxRuns?: number;
  /** Virtual start time of every run. Default 2026-01-01T00:00:00Z, so runs are alike. */
  startTime?: Date;
  /**
   * Real time one run, and each of its invocations, may take before it counts as `stuck`
   * (an invocation that hangs is ended as Lambda's timeout would). Default 10,000 ms.
   */
  runTimeoutMs?: number;
}

interface CutPoint {
  index: number;
  mode: CutMode;
  /** mid-batch: how many updates of the batch are applied. */
  split?: number;
  label: string;
}

type StepBodyOverride = (info: StepAttemptInfo) => StepBody | undefined;
type CarriedClient = EventClient & { stepBodyOverride?: StepBodyOverride };

const DEFAULT_START = new Date("2026-01-01T00:00:00Z");
const MAX_LISTED_FAILURES = 10;
/** Characters of a result or message quoted in a failure (the cut one ends with "…"). */
const DETAIL_WIDTH = 161;

/** One invocation as the observer sees it. */
class ObservedInvocation {
  /** Once dead, the invocation's calls never settle and its step bodies never run: the process is gone. */
  dead = false;
  /** STEP ids whose START this invocation saw acknowledged, and whose body has not started since. */
  readonly ackedStarts = new Set<string>();
  readonly killed: Promise<never>;
  private rejectKilled!: (error: Error) => void;

  constructor() {
    this.killed = new Promise<never>((_resolve, reject) => (this.rejectKilled = reject));
    this.killed.catch(() => undefined);
  }

  kill(reason: string): void {
    this.dead = true;
    this.rejectKilled(new Error(`Invocation killed: ${reason}`));
  }
}

/**
 * Watches one run through the transport carried on each invocation event: counts checkpoint
 * calls, cuts the chosen one, and records what the service persisted and which step bodies ran.
 */
class RunObserver {
  calls = 0;
  readonly batchSizes: number[] = [];
  readonly violations: { kind: ExplorationFailureKind; detail: string }[] = [];
  /** An invocation of this run hung: later ones fail at once, so the run still ends. */
  stuck = false;
  private readonly persistedSucceed = new Set<string>();
  private readonly atMostOnceAttempts = new Set<string>();

  constructor(
    private readonly cut: CutPoint | undefined,
    private readonly invocationTimeoutMs: number,
  ) {}

  /** The handler the runner invokes: the same handler, with the event's transport observed. */
  wrap(handler: DurableLambdaHandler): DurableLambdaHandler {
    return (event, context) => {
      const carried = (event as unknown as { durableExecutionClient?: CarriedClient }).durableExecutionClient;
      if (carried === undefined) return handler(event, context);
      if (this.stuck) return Promise.reject(new Error("An earlier invocation of this execution hung"));
      const invocation = new ObservedInvocation();
      // Same class as the runner's event (the SDK detects the event-carried client by it), other client.
      const replaced = Object.assign(Object.create(Object.getPrototypeOf(event) as object), event, {
        durableExecutionClient: this.client(carried, invocation),
      }) as typeof event;
      // Lambda ends an invocation at its timeout; here a real-time limit stands for it.
      const timer = setTimeout(() => {
        this.stuck = true;
        this.violations.push({ kind: "stuck", detail: `an invocation did not answer within ${this.invocationTimeoutMs} ms` });
        invocation.kill("invocation timeout");
      }, this.invocationTimeoutMs);
      return Promise.race([handler(replaced, context), invocation.killed]).finally(() => clearTimeout(timer));
    };
  }

  private client(carried: CarriedClient, invocation: ObservedInvocation): CarriedClient {
    const client: CarriedClient = {
      checkpoint: (request) => this.checkpoint(carried, invocation, request),
      getExecutionState: (params) => (invocation.dead ? hang() : carried.getExecutionState(params)),
      stepBodyOverride: (info) => this.onStepBody(carried, invocation, info),
    };
    if (typeof carried.now === "function") client.now = () => carried.now!();
    return client;
  }

  private async checkpoint(
    carried: CarriedClient,
    invocation: ObservedInvocation,
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    if (invocation.dead) return hang();
    const index = this.calls++;
    const updates = request.Updates ?? [];
    this.batchSizes[index] = updates.length;
    const cut = this.cut?.index === index ? this.cut : undefined;

    if (cut?.mode === "mid-batch") {
      // The SDK could have sent this prefix as a request of its own: it keeps a context's START
      // before its children and EXECUTION last, so every prefix passes the service's batch rules.
      const prefix = updates.slice(0, Math.min(cut.split ?? 1, updates.length));
      try {
        await carried.checkpoint({ ...request, Updates: prefix, ClientToken: randomUUID() });
        this.applied(prefix);
      } catch {
        // refused: nothing of it was applied
      }
      invocation.kill(cut.label);
      return hang();
    }

    const response = await carried.checkpoint(request); // a service error reaches the SDK as it is
    this.applied(updates);
    if (cut?.mode === "lost-response") {
      invocation.dead = true; // the SDK ends the invocation itself; nothing of it may run on
      throw Object.assign(new Error(`The checkpoint response was lost (${cut.label})`), { name: "TimeoutError" });
    }
    this.acknowledged(invocation, updates);
    if (cut?.mode === "ack") invocation.kill(cut.label);
    return response;
  }

  private applied(updates: OperationUpdate[]): void {
    for (const update of updates) {
      if (update.Type === "STEP" && update.Action === "SUCCEED" && update.Id !== undefined) this.persistedSucceed.add(update.Id);
    }
  }

  /**
   * An at-most-once step awaits its START's acknowledgement before the body runs; an
   * at-least-once one starts the body first. So a body that starts after its START was
   * acknowledged, in the same invocation, is an at-most-once attempt.
   */
  private acknowledged(invocation: ObservedInvocation, updates: OperationUpdate[]): void {
    for (const update of updates) {
      if (update.Type !== "STEP" || update.Id === undefined) continue;
      if (update.Action === "START") invocation.ackedStarts.add(update.Id);
      else invocation.ackedStarts.delete(update.Id);
    }
  }

  private onStepBody(carried: CarriedClient, invocation: ObservedInvocation, info: StepAttemptInfo): StepBody | undefined {
    if (invocation.dead) return () => hang();
    const atMostOnce = invocation.ackedStarts.delete(info.operationId);
    const what = `step ${info.name !== undefined ? JSON.stringify(info.name) : "(unnamed)"} (id ${info.operationId}) attempt ${info.attempt}`;
    if (this.persistedSucceed.has(info.operationId)) {
      this.violations.push({ kind: "completed-step-rerun", detail: `${what} ran again although its SUCCEED was persisted` });
    }
    const key = `${info.operationId}#${info.attempt}`;
    if (this.atMostOnceAttempts.has(key)) {
      this.violations.push({ kind: "at-most-once-rerun", detail: `${what} ran twice although it is at-most-once` });
    }
    if (atMostOnce) this.atMostOnceAttempts.add(key);
    return carried.stepBodyOverride?.(info);
  }
}

interface RunRecord {
  outcome?: ExplorationOutcome;
  calls: number;
  batchSizes: number[];
  problems: { kind: ExplorationFailureKind; detail: string }[];
}

async function runOnce(handler: DurableLambdaHandler, input: unknown, options: ExploreOptions, cut: CutPoint | undefined): Promise<RunRecord> {
  const runTimeoutMs = options.runTimeoutMs ?? 10_000;
  const observer = new RunObserver(cut, runTimeoutMs);
  const runner = new LocalDurableTestRunner({
    handlerFunction: observer.wrap(handler),
    startTime: options.startTime ?? DEFAULT_START,
    callbacks: options.callbacks,
    stepMocks: options.stepMocks,
    functions: options.functions,
  });
  let result: TestResult;
  try {
    result = await runner.run({ payload: input, timeoutMs: runTimeoutMs });
  } catch (error) {
    const detail = `the execution did not finish: ${error instanceof Error ? error.message : String(error)}`;
    // Both limits are 'runTimeoutMs': when the per-invocation one already reported this run, the
    // run() timeout is the same hang seen a second time, not a second failure.
    const alreadyStuck = observer.violations.some((v) => v.kind === "stuck");
    const problems = alreadyStuck ? [...observer.violations] : [...observer.violations, { kind: "stuck" as const, detail }];
    return { calls: observer.calls, batchSizes: observer.batchSizes, problems };
  }
  const outcome = outcomeOf(result);
  const problems = [...observer.violations];
  if (outcome.error?.errorType === "NonDeterministicExecutionError") {
    problems.push({ kind: "non-determinism", detail: outcome.error.errorMessage ?? "non-deterministic replay" });
  } else {
    for (const invocation of result.getInvocations()) {
      const nd = nonDeterminismOf(
        invocation.error && { ErrorType: invocation.error.errorType, ErrorMessage: invocation.error.errorMessage, ErrorData: invocation.error.errorData },
      );
      if (nd) problems.push({ kind: "non-determinism", detail: nd.message });
    }
  }
  return { outcome, calls: observer.calls, batchSizes: observer.batchSizes, problems };
}

function outcomeOf(result: TestResult): ExplorationOutcome {
  const status = result.getStatus();
  if (status === "SUCCEEDED") return { status, result: result.getResult() };
  const error = result.getError();
  return { status, error: { errorType: error.errorType, errorMessage: error.errorMessage } };
}

function describeOutcome(outcome: ExplorationOutcome): string {
  if (outcome.status === "SUCCEEDED") return `SUCCEEDED with ${clip(JSON.stringify(outcome.result) ?? "undefined", DETAIL_WIDTH)}`;
  return `${outcome.status} with ${outcome.error?.errorType ?? "Error"}: ${clip(outcome.error?.errorMessage ?? "", DETAIL_WIDTH)}`;
}

/** Every cut point of a run with these checkpoint batches. */
function cutPoints(batchSizes: number[], all: boolean): CutPoint[] {
  const points: CutPoint[] = [];
  for (const [index, size] of batchSizes.entries()) {
    points.push({ index, mode: "ack", label: `checkpoint ${index} ack` });
    points.push({ index, mode: "lost-response", label: `checkpoint ${index} lost-response` });
    if (!all) continue;
    for (let split = 1; split < size; split++) {
      points.push({ index, mode: "mid-batch", split, label: `checkpoint ${index} mid-batch ${split}/${size}` });
    }
  }
  return points;
}

/** `count` points spread evenly over `points`, in order. */
function spread<T>(points: T[], count: number): T[] {
  if (points.length <= count) return points;
  return Array.from({ length: count }, (_, i) => points[Math.floor((i * points.length) / count)]!);
}

/** The exploration; the package exports it through `explore-on-demand.ts`, which documents it. */
export async function exploreInterruptions<E>(handler: DurableLambdaHandler, input: E, options: ExploreOptions = {}): Promise<ExplorationReport> {
  const maxRuns = options.maxRuns ?? 200;
  if (!Number.isInteger(maxRuns) || maxRuns < 0) throw new RangeError(`exploreInterruptions: maxRuns must be a non-negative integer, received ${maxRuns}`);
  if (options.points !== undefined && options.points !== "checkpoints" && options.points !== "all") {
    throw new TypeError(`exploreInterruptions: points must be "checkpoints" or "all", received ${JSON.stringify(options.points)}`);
  }

  const baselineRun = await runOnce(handler, input, options, undefined);
  const failures: ExplorationFailure[] = baselineRun.problems.map((p) => ({ point: "baseline", ...p }));
  const all = cutPoints(baselineRun.batchSizes, options.points === "all");
  if (baselineRun.outcome === undefined || failures.length > 0) {
    // Without a sound baseline there is nothing to compare interrupted runs with.
    const report: ExplorationReport = { baseline: baselineRun.outcome ?? { status: "STUCK" }, runs: 0, points: all.length, failures };
    throw new InterruptionExplorationError(report, MAX_LISTED_FAILURES);
  }
  const baseline = baselineRun.outcome;
  const chosen = spread(all, maxRuns);

  for (const point of chosen) {
    const run = await runOnce(handler, input, options, point);
    for (const problem of run.problems) failures.push({ point: point.label, ...problem });
    if (run.outcome === undefined) continue;
    // A non-deterministic or hung run ends differently anyway: its own kind says more.
    const explained = run.problems.some((p) => p.kind === "non-determinism" || p.kind === "stuck");
    if (!explained && !isDeepStrictEqual(run.outcome, baseline)) {
      failures.push({
        point: point.label,
        kind: "outcome-mismatch",
        detail: `ended ${describeOutcome(run.outcome)}; the baseline ended ${describeOutcome(baseline)}`,
      });
    }
  }

  const report: ExplorationReport = { baseline, runs: chosen.length, points: all.length, failures };
  if (failures.length > 0) throw new InterruptionExplorationError(report, MAX_LISTED_FAILURES);
  return report;
}
