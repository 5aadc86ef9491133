/** One invocation's figures, logged once as `invocation.metrics` (or given to a `metrics` function). */
export interface InvocationMetrics {
  executionArn: string;
  requestId: string;
  coldStart: boolean;
  outcome: "SUCCEEDED" | "FAILED" | "PENDING" | "THROWN";
  /** Why it suspended (the first kind of operation waiting on the service). */
  suspendReason?: "WAIT" | "RETRY" | "CALLBACK" | "INVOKE";
  ops: {
    /** Operations in the state loaded at start-up. */
    loaded: number;
    /** Operations answered from the history. */
    replayed: number;
    /** Operations started or advanced in this invocation. */
    executed: number;
  };
  checkpoint: { calls: number; updates: number; bytesSent: number; bytesReceived: number; retries: number };
  state: { pages: number; bytes: number };
  ms: {
    /** onColdStart and set-up; 0 when warm. */
    init: number;
    loadState: number;
    /** Handler start to the first operation that was not answered from history. */
    replay: number;
    /** From there to the answer. */
    execute: number;
    /** Time checkpoint requests were in flight. */
    checkpointWait: number;
    total: number;
  };
}

/** Collects the figures of one invocation; cheap enough to run always. */
export class MetricsRecorder {
  readonly startedAt = performance.now();
  replayed = 0;
  executed = 0;
  loaded = 0;
  statePages = 0;
  stateBytes = 0;
  initMs = 0;
  loadStateMs = 0;
  private handlerStartedAt: number | undefined;
  private frontierAt: number | undefined;

  /** An operation claimed in this invocation: answered from history, or run. */
  countClaim(replayed: boolean): void {
    if (replayed) {
      this.replayed += 1;
      return;
    }
    this.executed += 1;
    this.frontierAt ??= performance.now();
  }

  handlerStarted(): void {
    this.handlerStartedAt = performance.now();
  }

  finish(base: {
    executionArn: string;
    requestId: string;
    coldStart: boolean;
    outcome: InvocationMetrics["outcome"];
    suspendReason?: InvocationMetrics["suspendReason"];
    checkpoint: InvocationMetrics["checkpoint"];
    checkpointWaitMs: number;
  }): InvocationMetrics {
    const end = performance.now();
    const handlerStart = this.handlerStartedAt ?? end;
    const frontier = this.frontierAt ?? end;
    return {
      executionArn: base.executionArn,
      requestId: base.requestId,
      coldStart: base.coldStart,
      outcome: base.outcome,
      ...(base.suspendReason ? { suspendReason: base.suspendReason } : {}),
      ops: { loaded: this.loaded, replayed: this.replayed, executed: this.executed },
      checkpoint: base.checkpoint,
      state: { pages: this.statePages, bytes: this.stateBytes },
      ms: {
        init: round(this.initMs),
        loadState: round(this.loadStateMs),
        replay: round(frontier - handlerStart),
        execute: round(end - frontier),
        checkpointWait: round(base.checkpointWaitMs),
        total: round(end - this.startedAt + this.initMs),
      },
    };
  }
}

function round(ms: number): number {
  return Math.round(Math.max(0, ms) * 100) / 100;
}
