import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "@aws-sdk/client-lambda";

/**
 * The transport the SDK uses to talk to the durable execution service: the two calls a running
 * function needs. Shapes are `@aws-sdk/client-lambda`'s.
 *
 * The production implementation is {@link DurableExecutionApiClient}; tests and the official
 * testing kit supply their own object, carried on the invocation event as `durableExecutionClient`.
 */
export interface DurableExecutionClient {
  /** Sends a batch of operation updates; consumes the request's token and returns the next one. */
  checkpoint(params: CheckpointDurableExecutionRequest, logger?: unknown): Promise<CheckpointDurableExecutionResponse>;
  /** Reads one page of the execution's operations; consumes nothing. */
  getExecutionState(params: GetDurableExecutionStateRequest, logger?: unknown): Promise<GetDurableExecutionStateResponse>;

  /**
   * Test seam, offered by a test transport only: the service's clock in epoch ms (a virtual clock
   * under time skipping). Without it the SDK uses `Date.now()`.
   */
  now?(): number;

  /**
   * Test seam, offered by a test transport only: resolves once the service's clock reaches
   * `epochMs` (a virtual clock skips ahead), or rejects when `signal` aborts. The SDK waits with it
   * before asking the service about a timer that falls due; without it, a real timer is used.
   */
  sleepUntil?(epochMs: number, signal: AbortSignal): Promise<void>;

  /**
   * Test seam, offered by a test transport only: a replacement for the body of the step (or
   * `waitForCondition` check) about to run, e.g. a local runner's step mock, or undefined to run
   * the real body. Retries, serdes and checkpoints stay real.
   */
  stepBodyOverride?(info: StepBodyInfo): ((context: unknown) => Promise<unknown>) | undefined;

  /**
   * Test seam, offered by a test transport only: receives the SDK's warnings about an invocation
   * (operations nobody awaited), so a test result can show them. They are logged either way.
   */
  reportWarning?(warning: TransportWarning): void;
}

/** Which step body is about to run, as {@link DurableExecutionClient.stepBodyOverride} is told. */
export interface StepBodyInfo {
  /** The step's name, when it has one. */
  name?: string;
  operationId: string;
  /** 1-based. */
  attempt: number;
  /** `Step` or `WaitForCondition`. */
  subType: string;
}

/** Duck-typing check used for clients carried on the event (the official SDK's testing kit convention). */
export function isDurableExecutionClient(value: unknown): value is DurableExecutionClient {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<DurableExecutionClient>;
  return typeof candidate.checkpoint === "function" && typeof candidate.getExecutionState === "function";
}

/** A warning about one invocation, as {@link DurableExecutionClient.reportWarning} receives it. */
export interface TransportWarning {
  code: "UNAWAITED_OPERATIONS";
  message: string;
  requestId: string;
  /** The operations concerned. */
  operations: {
    operationId: string;
    name?: string;
    type: string;
    /** RUNNING: still running when the handler returned; FAILED: failed in this invocation. */
    state: "RUNNING" | "FAILED";
    /** The failure's message (FAILED only). */
    error?: string;
  }[];
}
