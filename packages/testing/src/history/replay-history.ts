/**
 * Offline replay of a saved history against the current handler: does today's code still walk
 * the recorded operations the same way? See docs/testing/history-and-replay.md.
 */
import { isDeepStrictEqual } from "node:util";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  ErrorObject,
  GetDurableExecutionStateResponse,
  Operation,
  OperationUpdate,
} from "@aws-sdk/client-lambda";
import type { DurableExecutionInvocationOutput, DurableLambdaHandler, OperationSignature } from "@durable-ts/sdk";
import { prune } from "../backend/pruning.js";
import { delay } from "../clock/real-time.js";
import { localLambdaContext } from "../invoker/index.js";
import { clip } from "../format/table.js";
import { decodePayload, DurableExecutionInvocationInputWithClient, hang, type EventClient } from "../sdk-io/index.js";
import { loadHistory, type HistoryFixture } from "./fixture.js";
import { describeSignature, nonDeterminismOf, signatureOf } from "./non-determinism.js";
import { RawIds } from "./raw-ids.js";

/** Where replayed code first departs from the history. */
export interface ReplayDivergence {
  /** Raw positional id ("3-1-2") of the operation, or "result" for a different outcome. */
  position: string;
  /** Name of the enclosing context, when it has one. */
  parentName?: string;
  message: string;
  /** What the history holds there; absent when it holds nothing. */
  expected?: OperationSignature;
  /** What the code called there; absent when the code ended the context. */
  actual?: OperationSignature;
}

/** What {@link replayHistory} found. */
export interface ReplayReport {
  /** True when the code matched the history up to where the replay stopped. */
  ok: boolean;
  /** Completed operations of the history the code replayed. */
  replayedOperations: number;
  /** True when the replay stopped where the history ends for now (the first missing or unfinished position). */
  reachedFrontier: boolean;
  divergence?: ReplayDivergence;
}

/** Options of {@link replayHistory}. */
export interface ReplayOptions {
  /** Real time the replay may take before it is reported as not finishing. Default 10,000 ms. */
  timeoutMs?: number;
}

const TERMINAL_OPERATION = new Set(["SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT", "STOPPED"]);
/** After the frontier, how long concurrent branches may still run into a divergence (real ms). */
const FRONTIER_GRACE_MS = 25;
/** Characters of a result quoted in a divergence (the cut one ends with "…"). */
const DETAIL_WIDTH = 201;

/** The frontier error ends the replay invocation: thrown by the fake service, never reported. */
class FrontierReached extends Error {
  constructor() {
    super("Replay reached the end of the history");
    this.name = "ReplayFrontierReached";
  }
}

/** What the code did past the saved operations. */
type Frontier = { via: "checkpoint"; updates: OperationUpdate[]; first: OperationUpdate } | { via: "step"; operationId: string; name?: string; subType: string };

/**
 * A read-only service over the saved operations. Checkpoints never write: the first update for an
 * operation the history did not complete marks the frontier and ends the invocation (as a
 * network failure would). A step body about to run marks it too, and is replaced by one that
 * never settles, so no user step body runs.
 */
class OfflineService {
  frontier: Frontier | undefined;
  /** An update for an operation the history already completed (the service would reject it). */
  completedWrite: { update: OperationUpdate; stored: Operation } | undefined;
  /** An EXECUTION SUCCEED/FAIL update (a result too large for the Lambda response). */
  executionUpdate: OperationUpdate | undefined;
  readonly reached: Promise<void>;
  private markReached!: () => void;
  private tokens = 0;

  constructor(
    private readonly byId: ReadonlyMap<string, Operation>,
    private readonly nowMs: number,
  ) {
    this.reached = new Promise((resolve) => (this.markReached = resolve));
  }

  client(): EventClient & { stepBodyOverride(info: { operationId: string; name?: string; subType: string }): () => Promise<never> } {
    return {
      checkpoint: (request) => this.checkpoint(request),
      getExecutionState: async (): Promise<GetDurableExecutionStateResponse> => ({ Operations: [] }),
      now: () => this.nowMs,
      stepBodyOverride: (info) => {
        if (this.frontier === undefined) this.frontier = { via: "step", operationId: info.operationId, name: info.name, subType: info.subType };
        this.markReached();
        return () => hang();
      },
    };
  }

  private async checkpoint(request: CheckpointDurableExecutionRequest): Promise<CheckpointDurableExecutionResponse> {
    const updates = request.Updates ?? [];
    let beyond: OperationUpdate | undefined;
    for (const update of updates) {
      if (update.Type === "EXECUTION") {
        this.executionUpdate = update;
        continue;
      }
      const stored = this.byId.get(update.Id ?? "");
      if (stored !== undefined && TERMINAL_OPERATION.has(stored.Status ?? "")) this.completedWrite ??= { update, stored };
      else beyond ??= update;
    }
    if (beyond !== undefined || this.completedWrite !== undefined) {
      if (beyond !== undefined && (this.frontier === undefined || this.frontier.via === "step")) {
        this.frontier = { via: "checkpoint", updates, first: beyond };
      }
      this.markReached();
      throw new FrontierReached();
    }
    // Only an EXECUTION update ends a batch without a next token (the execution is over).
    if (this.executionUpdate !== undefined) return { NewExecutionState: { Operations: [] } };
    this.tokens += 1;
    return { CheckpointToken: `replay-token-${this.tokens}`, NewExecutionState: { Operations: [] } };
  }
}

type Outcome = { kind: "answer"; answer: DurableExecutionInvocationOutput } | { kind: "threw"; error: unknown } | { kind: "frontier" } | { kind: "timeout" };

/** {@link ReplayOptions}-driven replay; the package exports it through `replay-on-demand.ts`, which documents it. */
export async function replayHistory(handler: DurableLambdaHandler, history: HistoryFixture | string, options: ReplayOptions = {}): Promise<ReplayReport> {
  let fixture: HistoryFixture;
  try {
    fixture = loadHistory(history);
  } catch (error) {
    return { ok: false, replayedOperations: 0, reachedFrontier: false, divergence: { position: "fixture", message: (error as Error).message } };
  }
  try {
    return await replay(handler, fixture, options.timeoutMs ?? 10_000);
  } catch (error) {
    return { ok: false, replayedOperations: 0, reachedFrontier: false, divergence: { position: "result", message: `Replay failed: ${String(error)}` } };
  }
}

async function replay(handler: DurableLambdaHandler, fixture: HistoryFixture, timeoutMs: number): Promise<ReplayReport> {
  const execution = fixture.operations.find((op) => op.Type === "EXECUTION")!;
  const historyStatus = execution.Status ?? "STARTED";
  // The code ended the execution itself: its outcome is part of the history.
  const finished = historyStatus === "SUCCEEDED" || historyStatus === "FAILED";
  const byId = new Map(fixture.operations.map((op) => [op.Id!, op]));
  const rawIds = new RawIds(fixture.operations);

  // A replayed operation is one whose stored status the SDK read (it reads it only at positions it claimed).
  const replayed = new Set<string>();
  const visible = prune(structuredClone(fixture.operations)).map((op): Operation => {
    if (op.Type === "EXECUTION") return { ...op, Status: "STARTED" };
    if (!TERMINAL_OPERATION.has(op.Status ?? "")) return op;
    return new Proxy(op, {
      get(target, key, receiver) {
        if (key === "Status") replayed.add(target.Id!);
        return Reflect.get(target, key, receiver);
      },
    });
  });

  const service = new OfflineService(byId, latestTimestampMs(fixture.operations));
  const arn = fixture.executionArn ?? `arn:aws:lambda:us-east-1:123456789012:function:replay:$LATEST/durable-execution/replay/${execution.Id}`;
  const event = new DurableExecutionInvocationInputWithClient(
    { DurableExecutionArn: arn, CheckpointToken: "replay-token-0", InitialExecutionState: { Operations: visible } },
    service.client(),
  );
  const settled: Promise<Outcome> = Promise.resolve()
    .then(() => handler(event as never, localLambdaContext("replay", 15 * 60_000)))
    .then(
      (answer): Outcome => ({ kind: "answer", answer }),
      (error: unknown): Outcome => ({ kind: "threw", error }),
    );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
  });
  let outcome: Outcome;
  try {
    outcome = await Promise.race([settled, service.reached.then((): Outcome => ({ kind: "frontier" })), timedOut]);
    if (outcome.kind === "frontier") {
      // Concurrent branches may still reach a divergence (or the SDK may end the invocation): give them a moment.
      outcome = await Promise.race([settled, delay(FRONTIER_GRACE_MS).then((): Outcome => ({ kind: "frontier" }))]);
    }
  } finally {
    clearTimeout(timer);
  }

  const report = (fields: Omit<ReplayReport, "replayedOperations" | "reachedFrontier">): ReplayReport => ({
    ...fields,
    replayedOperations: replayed.size,
    reachedFrontier: service.frontier !== undefined || (fields.ok && outcome.kind === "answer" && !finished),
  });
  const parentNameOf = (parentId: string | undefined) => (parentId === undefined ? undefined : byId.get(parentId)?.Name);
  const withParent = (divergence: ReplayDivergence, parentId: string | undefined): ReplayDivergence => {
    const parentName = parentNameOf(parentId);
    return parentName === undefined ? divergence : { ...divergence, parentName };
  };

  // 1. The SDK's own check: another operation at a position, or a context that ended early.
  if (outcome.kind === "answer" && outcome.answer.Status === "FAILED") {
    const nd = nonDeterminismOf(outcome.answer.Error);
    if (nd) {
      const divergence: ReplayDivergence = { position: nd.position, message: nd.message };
      if (nd.expected) divergence.expected = nd.expected;
      if (nd.actual) divergence.actual = nd.actual;
      return report({ ok: false, divergence: withParent(divergence, nd.parentId ?? (nd.operationId ? byId.get(nd.operationId)?.ParentId : undefined)) });
    }
  }

  // 2. A write to an operation the history completed: the service would reject it.
  if (service.completedWrite) {
    const { update, stored } = service.completedWrite;
    const position = rawIds.resolve(update.Id!) ?? update.Id!;
    const signature = signatureOf(update);
    return report({
      ok: false,
      divergence: withParent(
        {
          position,
          message: `Replay diverged at ${position}: the code sent ${update.Action} for ${describeSignature(signature)}, which the history holds ${stored.Status}`,
          expected: signatureOf(stored),
          actual: signature,
        },
        stored.ParentId,
      ),
    });
  }

  // 3. The frontier: fine, unless the history's execution had already ended there.
  if (service.frontier !== undefined) {
    const next = frontierOperation(service.frontier, byId, rawIds);
    if (finished && !byId.has(next.id)) {
      return report({
        ok: false,
        divergence: withParent(
          {
            position: next.position,
            message: `Replay went past the end of the history at ${next.position}: the execution ${historyStatus} there, but the code called ${describeSignature(next.signature)}`,
            actual: next.signature,
          },
          next.parentId,
        ),
      });
    }
    return report({ ok: true });
  }

  switch (outcome.kind) {
    case "timeout":
      return report({ ok: false, divergence: { position: "result", message: `Replay did not finish within ${timeoutMs} ms and reached no frontier` } });
    case "threw":
      return report({ ok: false, divergence: { position: "result", message: `The replayed invocation threw: ${describeError(outcome.error)}` } });
    case "frontier":
      return report({ ok: true });
    case "answer":
      break;
  }
  const answer = outcome.answer;
  if (!finished) return report({ ok: true }); // PENDING, or the code ends the execution next: beyond the history.
  const difference = compareOutcome(fixture, historyStatus, answer, service.executionUpdate);
  return difference === undefined ? report({ ok: true }) : report({ ok: false, divergence: { position: "result", message: difference } });
}

/** Why the replayed answer differs from the history's outcome, or undefined when it matches. */
function compareOutcome(
  fixture: HistoryFixture,
  historyStatus: string,
  answer: DurableExecutionInvocationOutput,
  executionUpdate: OperationUpdate | undefined,
): string | undefined {
  const status = answer.Status as string;
  if (status === "PENDING") return `The history's execution ${historyStatus}, but the replay suspended (PENDING) waiting on the service`;
  if (status !== historyStatus) {
    const error = status === "FAILED" ? `: ${describeErrorObject((answer as { Error?: ErrorObject }).Error)}` : "";
    return `The history's execution ${historyStatus}, but the replay ended ${status}${error}`;
  }
  if (status === "SUCCEEDED" && fixture.result !== undefined) {
    // A result too large for the response travels as an EXECUTION SUCCEED update.
    const raw = (answer as { Result?: string }).Result || executionUpdate?.Payload;
    const expected = decodePayload(fixture.result);
    const actual = decodePayload(raw);
    if (!isDeepStrictEqual(actual, expected)) {
      return `The replay returned a different result: history ${clip(fixture.result, DETAIL_WIDTH)}, replay ${clip(raw ?? "(none)", DETAIL_WIDTH)}`;
    }
  }
  if (status === "FAILED" && fixture.error !== undefined) {
    const error = (answer as { Error?: ErrorObject }).Error ?? executionUpdate?.Error;
    if (error?.ErrorType !== fixture.error.ErrorType || error?.ErrorMessage !== fixture.error.ErrorMessage) {
      return `The replay failed differently: history ${describeErrorObject(fixture.error)}, replay ${describeErrorObject(error)}`;
    }
  }
  return undefined;
}

/** The first operation past the history: the first new update of the frontier batch, else the step about to run. */
function frontierOperation(
  frontier: Frontier,
  byId: ReadonlyMap<string, Operation>,
  rawIds: RawIds,
): { id: string; position: string; parentId?: string; signature: OperationSignature } {
  if (frontier.via === "checkpoint") {
    rawIds.learn(frontier.updates);
    const update = frontier.first;
    return { id: update.Id!, position: rawIds.resolve(update.Id!) ?? update.Id!, parentId: update.ParentId, signature: signatureOf(update) };
  }
  const stored = byId.get(frontier.operationId);
  const signature = signatureOf({ Type: "STEP", SubType: frontier.subType, Name: frontier.name });
  return {
    id: frontier.operationId,
    position: rawIds.resolve(frontier.operationId) ?? frontier.operationId,
    parentId: stored?.ParentId ?? rawIds.parentOf(frontier.operationId),
    signature,
  };
}

function latestTimestampMs(operations: Operation[]): number {
  let latest = 0;
  for (const op of operations) {
    for (const at of [op.StartTimestamp, op.EndTimestamp]) {
      const ms = at instanceof Date ? at.getTime() : at === undefined ? NaN : new Date(at as never).getTime();
      if (Number.isFinite(ms) && ms > latest) latest = ms;
    }
  }
  return latest || Date.now();
}

function describeErrorObject(error: ErrorObject | undefined): string {
  if (!error) return "(no error recorded)";
  return `${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
