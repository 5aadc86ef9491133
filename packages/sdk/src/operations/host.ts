import type { ErrorObject, Operation, OperationUpdate } from "@aws-sdk/client-lambda";
import type { DurableLimits } from "../config/limits.js";
import type { DurableContextLogger, DurableLogger } from "../logging/index.js";
import type { OperationLog } from "../replay/operation-log.js";
import type { OperationPosition } from "../replay/signature.js";
import type { Serdes } from "../serdes/index.js";

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
  readonly activity: Activity;
  /** Records an error losslessly (class, props, cause, stack) within the size limit. */
  encodeError(error: unknown): ErrorObject;
  /** Restores a recorded error as an instance of its class where known. */
  decodeError(error: ErrorObject | undefined): Error;
  /**
   * If `error` is terminal (non-determinism, bad config, oversized payload, misuse), ends the
   * execution FAILED with it and returns a promise that never settles: user code must not be able
   * to catch a terminal error. Any other error is rethrown for user code.
   */
  terminateIfTerminal(error: unknown): Promise<never>;
  /** True once the invocation has decided its answer; later work writes nothing. */
  readonly ended: boolean;
  readonly baseLogger: DurableLogger;
  readonly modeAwareLogging: boolean;
}

/**
 * Tracks what is in progress, so the invocation can suspend exactly when nothing can move
 * in-process any more (see `invocation/suspension-monitor.ts`).
 */
export interface Activity {
  /** Runs SDK-side work or a step body: the invocation cannot suspend while it runs. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Registers an operation that only the service can advance (wait timer, retry delay). The
   * returned promise never settles in this invocation: the next invocation replays past it.
   */
  waitOnService(reason: SuspendReason): Promise<never>;
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

/** A child context created for a CONTEXT operation, handed out by the enclosing scope. */
export interface ChildScope<C> {
  /** The context object user code receives. */
  readonly context: C;
  /** Runs `fn` with this child as the active context. */
  run<T>(fn: (context: C) => Promise<T>): Promise<T>;
  /** Non-determinism check when the body returned: the history must hold nothing past the last call. */
  assertEnded(): void;
}

/**
 * One context's view for its operations: position allocation, its default serdes and signal,
 * and a factory for child contexts (so operations never import `context/`).
 */
export interface OperationScope<C = unknown> {
  readonly services: InvocationServices;
  readonly serdes: Serdes<unknown>;
  readonly signal: AbortSignal;
  /** Checks the caller may use this context, takes the next position and checks determinism. */
  claim(descriptor: OperationDescriptor): ClaimedOperation;
  /** Creates the child context of a claimed CONTEXT operation. */
  createChild(position: ClaimedOperation): ChildScope<C>;
  /** Runs a step/check/submitter body where durable calls are misuse. */
  runBody<T>(fn: () => Promise<T>): Promise<T>;
  /** The logger a body receives (not replay-silenced: bodies only run live). */
  bodyLogger(operation: ClaimedOperation, attempt: number): DurableContextLogger;
}
