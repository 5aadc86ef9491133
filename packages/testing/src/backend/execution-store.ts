/** The executions of one backend, by ARN, and their creation (protocol §1 ARN and EXECUTION op). */
import { randomUUID } from "node:crypto";
import type { Operation } from "@aws-sdk/client-lambda";
import { alreadyStarted, executionNotFound, invalidParameter } from "./errors.js";
import type { InvocationType } from "./limits.js";
import type { ExecutionRecord } from "./model.js";
import { checkExecutionName } from "./validation.js";

/** Region and account of the ARNs the backend makes up. */
export const ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

/** The unqualified function ARN. */
export function functionArn(functionName: string): string {
  return `${ARN_PREFIX}${functionName}`;
}

/** Options of {@link ExecutionStore.create}. */
export interface NewExecution {
  functionName: string;
  input: string | undefined;
  executionName: string | undefined;
  executionTimeoutSeconds: number | undefined;
  invocationType?: InvocationType;
  now: Date;
}

/** Holds every execution of one backend. */
export class ExecutionStore {
  private readonly byArn = new Map<string, ExecutionRecord>();
  private readonly byName = new Map<string, ExecutionRecord>();

  /** Looks up an execution; unknown ARNs get ResourceNotFoundException. */
  get(arn: unknown): ExecutionRecord {
    const exec = typeof arn === "string" ? this.byArn.get(arn) : undefined;
    if (!exec) throw executionNotFound(arn);
    return exec;
  }

  /** Every execution, in creation order. */
  all(): ExecutionRecord[] {
    return [...this.byArn.values()];
  }

  /** Adds an execution rebuilt from storage (see persistence.ts). */
  restore(exec: ExecutionRecord): void {
    if (this.byArn.has(exec.arn)) throw new Error(`Execution ${exec.arn} is restored twice`);
    this.byArn.set(exec.arn, exec);
    this.byName.set(`${exec.functionName}\u0000${exec.name}`, exec);
  }

  /**
   * Creates an execution with its EXECUTION operation, or returns the existing one for a known
   * (function, name) with the same input; another input gets DurableExecutionAlreadyStartedException.
   */
  create(o: NewExecution): { exec: ExecutionRecord; created: boolean } {
    const fnProblem = /^[a-zA-Z0-9_-]{1,64}$/.test(o.functionName) ? undefined : "FunctionName must be 1-64 characters of [a-zA-Z0-9-_]";
    if (fnProblem) throw invalidParameter(`${fnProblem}, received ${JSON.stringify(o.functionName)}`);
    const name = o.executionName ?? randomUUID();
    const nameProblem = checkExecutionName(name);
    if (nameProblem) throw invalidParameter(nameProblem);
    const key = `${o.functionName}\u0000${name}`;
    const existing = this.byName.get(key);
    if (existing) {
      if (existing.input === o.input) return { exec: existing, created: false };
      throw alreadyStarted(name);
    }
    const id = randomUUID();
    const arn = `${functionArn(o.functionName)}:$LATEST/durable-execution/${name}/${id}`;
    const op: Operation = { Id: id, Type: "EXECUTION", Status: "STARTED", StartTimestamp: o.now, ExecutionDetails: {} };
    if (o.input !== undefined) op.ExecutionDetails!.InputPayload = o.input;
    const exec: ExecutionRecord = {
      arn,
      id,
      name,
      functionName: o.functionName,
      input: o.input,
      executionTimeoutSeconds: o.executionTimeoutSeconds,
      invocationType: o.invocationType ?? "RequestResponse",
      startTimestamp: o.now,
      status: "RUNNING",
      ops: new Map([[id, op]]),
      order: [id],
      invocations: [],
      tokenSeq: 0,
      becameReady: true, // never invoked yet: the first invocation is due at once
      delta: new Set(),
      timers: new Map(),
      callbackTimeouts: new Map(),
      checkpointLog: [],
      clientTokens: new Map(),
      cursors: new Map(),
      history: [],
    };
    this.byArn.set(arn, exec);
    this.byName.set(key, exec);
    return { exec, created: true };
  }
}
