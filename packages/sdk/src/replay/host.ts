import type { ErrorObject, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { DurableLimits } from "../config/limits.js";
import type { DurableContextLogger, DurableLogger } from "../logging/index.js";
import type { OperationLog } from "./operation-log.js";
import type { OperationPosition } from "./signature.js";
import type { Serdes } from "../serdes/index.js";
import type { PluginDispatcher } from "../observability/index.js";
import type { UnawaitedOperations } from "./unawaited.js";

/** Lets an attempt react when the invocation nears its Lambda timeout (see invocation/deadline.ts). */
export interface AttemptDeadline {
  readonly passed: boolean;
  onPass(callback: () => void): () => void;
}

/**
 * What every operation needs from the invocation it runs in. One instance per invocation,
 * implemented in `invocation/`; operations only see this interface.
 */
export interface InvocationServices {
  readonly executionArn: string;
  readonly requestId: string;
  readonly log: OperationLog;
  readonly limits: DurableLimits;
  /** Queues an update; resolves when the service acknowledged it. */
  enqueue(update: OperationUpdate): Promise<void>;
  /** Queues an update nobody waits for (no promise); a failed checkpoint ends the invocation. */
  post(update: OperationUpdate): void;
  readonly activity: Activity;
  /** Operations nobody awaited (the forgotten-await warning when the handler returns). */
  readonly unawaited: UnawaitedOperations;
  /** Records an error losslessly (class, props, cause, stack) within the size limit. */
  encodeError(error: unknown): ErrorObject;
  /** Restores a recorded error as an instance of its class where known. */
  decodeError(error: ErrorObject | undefined): Error;
  /**
   * Routes an operation's failure. A terminal error (non-determinism, bad config, oversized
   * payload, misuse) ends the execution FAILED; a retryable serdes failure makes the invocation
   * throw. Both return a promise that never settles, so user code cannot catch them. Any other
   * error is rejected for user code.
   */
  escalate(error: unknown): Promise<never>;
  /**
   * Test seam, offered by a test transport only: returns a replacement for a step body (a step
   * mock), or undefined to run the real body. Retries, serdes and checkpoints stay real.
   */
  stepBodyOverride?(info: StepBodyInfo): ((context: unknown) => Promise<unknown>) | undefined;
  /** Counts replayed and executed operations (always on; cheap). */
  readonly metrics: { countClaim(replayed: boolean): void };
  /** Plugin hooks; undefined when none is registered (so call sites cost nothing). */
  readonly plugins?: PluginDispatcher;
  /** Passes when the invocation is within `limits.deadlineMarginMs` of its Lambda timeout. */
  readonly deadline?: AttemptDeadline;
  /** Current time in epoch ms: the service's (virtual, under test) clock when the transport offers one. */
  now(): number;
  /** True once the invocation has decided its answer; later work writes nothing. */
  readonly ended: boolean;
  readonly baseLogger: DurableLogger;
  readonly modeAwareLogging: boolean;
}

/** Which step body is about to run (for a test transport's step mocks). */
export interface StepBodyInfo {
  name?: string;
  operationId: string;
  /** 1-based. */
  attempt: number;
  subType: string;
}

/**
 * Tracks what is in progress, so the invocation can suspend exactly when nothing can move
 * in-process any more (see `invocation/suspension-monitor.ts`).
 */
export interface Activity {
  /** Runs SDK-side work or a step body: the invocation cannot suspend while it runs. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /**
   * `run` for a caller that is itself an async frame: `enter` before the work, `leave` (exactly
   * once, in a `finally`) after it. Saves the promise `run` costs on the per-step path.
   */
  enter(): void;
  leave(): void;
  /**
   * Counts user code of a step, check or submitter body as running, from `enterBody` to its one
   * `leaveBody`. While one runs, the service is asked for the timers of other operations as they
   * fall due, so those continue in this invocation.
   */
  enterBody(): void;
  leaveBody(): void;
  /**
   * Registers an operation that only the service can advance (wait timer, retry delay, callback,
   * chained invoke) while `until` is pending, so the invocation may suspend once someone awaits
   * the operation. When `until` settles (a checkpoint response brought the change in-process) the
   * operation continues here; without `until`, or if it never settles, the next invocation replays
   * past it. `operationId` names the operation whose timer (wait end, next attempt) the service
   * is asked about when it falls due while other work keeps the invocation running.
   */
  waitOnService<T = never>(reason: SuspendReason, until?: Promise<T>, operationId?: string): Promise<T>;
}

export type SuspendReason = "WAIT" | "RETRY" | "CALLBACK" | "INVOKE";

/** What the code asks for at its next position. */
export interface OperationDescriptor {
  type: Operation["Type"] & string;
  subType: string;
  name?: string;
}

/** A position taken in the log, with what the history holds there (if anything). */
export interface ClaimedOperation extends OperationPosition {
  name?: string;
  stored: Operation | undefined;
}

/** Positions taken at once (map/parallel items). */
export interface ReservedPositions {
  /** Claims position `index` (0-based within the reservation): determinism check, counted as started or replayed. */
  at(index: number, descriptor: OperationDescriptor): ClaimedOperation;
  /** What the history holds at `index`, without claiming it. */
  peek(index: number): Operation | undefined;
  /** Raw id of position `index` (a virtual child's prefix under FLAT nesting). */
  rawId(index: number): string;
  /** What the history holds at position `position` (1-based) under `index` (a FLAT item's operations). */
  peekUnder(index: number, position: number): Operation | undefined;
}

/**
 * Follows the claims made under a virtual child (a FLAT item) and its descendants while it replays,
 * so its batch can tell an item the history completes from one that reached live work.
 */
export interface ReplayTracker {
  /** A claim under the child: `replayed` when the history holds its outcome (`stored`). */
  claimed(stored: Operation | undefined, replayed: boolean): void;
}

/** A child context created for a CONTEXT operation, handed out by the enclosing scope. */
export interface ChildScope<C> {
  /** The context object user code receives. */
  readonly context: C;
  /** The same child as an operation scope, for operations composed of other operations. */
  readonly scope: OperationScope<C>;
  /** Runs `fn` with this child as the active context. */
  run<T>(fn: (context: C) => Promise<T>): Promise<T>;
  /** Non-determinism check when the body returned: the history must hold nothing past the last call. */
  assertEnded(): void;
  /** Stops the child: its signal aborts, later operations in it (and its descendants) reject and write nothing. */
  cancel(error: Error): void;
  /** The reason it was cancelled (by itself or an ancestor), if any. */
  readonly cancelled: Error | undefined;
}

/**
 * One context's view for its operations: position allocation, its default serdes and signal,
 * and a factory for child contexts (so operations never import `context/`).
 */
export interface OperationScope<C = unknown> {
  readonly services: InvocationServices;
  readonly serdes: Serdes<unknown>;
  readonly signal: AbortSignal;
  /**
   * Queues an update for an operation of this context. Rejects with the cancellation error, and
   * sends nothing, once the context was cancelled (a map/parallel item still running when its
   * batch completed), so cancelled work writes nothing more.
   */
  enqueue(update: OperationUpdate): Promise<void>;
  /** Queues an update nobody waits for; dropped once the context was cancelled (as `enqueue` would reject). */
  post(update: OperationUpdate): void;
  /** Checks the caller may use this context, takes the next position and checks determinism. */
  claim(descriptor: OperationDescriptor): ClaimedOperation;
  /**
   * Takes the next `count` positions at once without checking them yet (map/parallel items must
   * own positions 1…n whatever order they start in); `check` then verifies one when it starts.
   */
  reserve(count: number): ReservedPositions;
  /** Creates the child context of a claimed CONTEXT operation. */
  createChild(position: ClaimedOperation): ChildScope<C>;
  /**
   * Creates a virtual child at a reserved position (a FLAT map item or parallel branch): no
   * operation of its own; its operations are numbered under `rawId` and carry this context's
   * parent as their ParentId, as if they belonged to it. `tracker` is told of every claim under it.
   */
  createVirtualChild(rawId: string, name: string | undefined, tracker?: ReplayTracker): ChildScope<C>;
  /**
   * Runs a step/check/submitter body where durable calls are misuse. The caller counts it as a
   * running body (`activity.enterBody` / `leaveBody` around its await), in a frame it already has.
   */
  runBody<T>(fn: () => Promise<T>): Promise<T>;
  /** The logger a body receives (not replay-silenced: bodies only run live). */
  bodyLogger(operation: ClaimedOperation, attempt: number): DurableContextLogger;
}
