/**
 * The Lambda Runtime API side of one `{external: true}` function: invocations wait in a queue
 * until a process polls `/invocation/next`; its `/response` or `/error` settles the invocation.
 * A process serves one invocation at a time; several processes may poll the same function.
 */
import { randomUUID } from "node:crypto";
import { timedOutMessage } from "../invoker/index.js";

/** An invocation handed to the function's processes. */
interface QueuedInvocation {
  requestId: string;
  /** The event as JSON text. */
  body: string;
  functionArn: string;
  traceId: string;
  deadlineMs?: number;
  timer?: ReturnType<typeof setTimeout>;
  resolve(body: string): void;
  reject(error: Error): void;
}

/** What `/invocation/next` answers. */
export interface DeliveredInvocation {
  requestId: string;
  body: string;
  headers: Record<string, string>;
}

/** The error a function reported (`/error` body, or a timeout), as a thrown value for the scheduler. */
export class FunctionError extends Error {
  readonly stackTrace?: string[];
  constructor(errorType: string, message: string, stackTrace?: string[]) {
    super(message);
    this.name = errorType;
    this.stackTrace = stackTrace;
    // The handler's own stack, not this emulator's.
    this.stack = [`${errorType}: ${message}`, ...(stackTrace ?? []).map((line) => `    ${line.replace(/^\s*/, "")}`)].join("\n");
  }
}

/** Runtime API state of one function. */
export class FunctionRuntime {
  readonly name: string;
  readonly timeoutMs: number;
  private readonly queue: QueuedInvocation[] = [];
  private readonly pollers: ((invocation: QueuedInvocation) => void)[] = [];
  private readonly running = new Map<string, QueuedInvocation>();
  private initError: { errorType: string; errorMessage: string; stackTrace?: string[] } | undefined;
  private readonly onTimeout: ((requestId: string) => void) | undefined;

  /** `onTimeout` hears of each invocation failed by the timeout (its process is stuck in it: Lambda would reset the sandbox). */
  constructor(name: string, timeoutMs: number, onTimeout?: (requestId: string) => void) {
    this.name = name;
    this.timeoutMs = timeoutMs;
    this.onTimeout = onTimeout;
  }

  /**
   * Queues an invocation and resolves with the response body the process posts. While the last
   * process failed to initialize and none polls, invocations fail at once with that init error
   * (as Lambda fails invokes of a function that cannot start).
   */
  invoke(event: string, o: { requestId?: string; functionArn: string }): Promise<string> {
    return new Promise((resolve, reject) => {
      const initError = this.initError;
      if (initError && this.pollers.length === 0) {
        reject(new FunctionError(initError.errorType, initError.errorMessage, initError.stackTrace));
        return;
      }
      const invocation: QueuedInvocation = {
        requestId: o.requestId ?? randomUUID(),
        body: event,
        functionArn: o.functionArn,
        traceId: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replace(/-/g, "").slice(0, 24)};Sampled=0`,
        resolve,
        reject,
      };
      const poller = this.pollers.shift();
      if (poller) poller(invocation);
      else this.queue.push(invocation);
    });
  }

  /** `/invocation/next`: the oldest queued invocation, waiting for one if none is queued. */
  next(signal: AbortSignal): Promise<DeliveredInvocation | undefined> {
    this.initError = undefined; // a process polling again has initialized
    return new Promise((resolve) => {
      const deliver = (invocation: QueuedInvocation) => {
        signal.removeEventListener("abort", abandon);
        resolve(this.start(invocation));
      };
      const abandon = () => {
        const i = this.pollers.indexOf(deliver);
        if (i >= 0) this.pollers.splice(i, 1);
        resolve(undefined);
      };
      const queued = this.queue.shift();
      if (queued) {
        resolve(this.start(queued));
        return;
      }
      if (signal.aborted) return resolve(undefined);
      signal.addEventListener("abort", abandon, { once: true });
      this.pollers.push(deliver);
    });
  }

  /** `/invocation/{id}/response`. False when the id is unknown or already settled. */
  respond(requestId: string, body: string): boolean {
    const invocation = this.finish(requestId);
    invocation?.resolve(body);
    return invocation !== undefined;
  }

  /** `/invocation/{id}/error`. False when the id is unknown or already settled. */
  fail(requestId: string, error: { errorType: string; errorMessage: string; stackTrace?: string[] }): boolean {
    const invocation = this.finish(requestId);
    invocation?.reject(new FunctionError(error.errorType, error.errorMessage, error.stackTrace));
    return invocation !== undefined;
  }

  /** `/init/error`: the process could not load the handler; queued and running invocations fail with that error. */
  reportInitError(error: { errorType: string; errorMessage: string; stackTrace?: string[] }): void {
    this.initError = error;
    for (const requestId of [...this.running.keys()]) this.fail(requestId, error);
    for (const invocation of this.queue.splice(0)) invocation.reject(new FunctionError(error.errorType, error.errorMessage, error.stackTrace));
  }

  /** The last init error reported, until a process polls again. */
  lastInitError(): { errorType: string; errorMessage: string } | undefined {
    return this.initError;
  }

  /**
   * The process serving this function ended (`reason`: "exit status 1", "signal: SIGKILL"): each
   * invocation it was running fails at once with `Runtime.ExitError`, as Lambda reports it, so the
   * service retries it instead of waiting for the timeout. Queued invocations wait for the next process.
   */
  processExited(reason: string): void {
    for (const requestId of [...this.running.keys()]) {
      this.fail(requestId, { errorType: "Runtime.ExitError", errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${reason}` });
    }
  }

  /** Fails every queued and running invocation (the server is closing). */
  close(reason: string): void {
    for (const invocation of this.queue.splice(0)) invocation.reject(new FunctionError("Runtime.Shutdown", reason));
    for (const requestId of [...this.running.keys()]) this.fail(requestId, { errorType: "Runtime.Shutdown", errorMessage: reason });
  }

  private start(invocation: QueuedInvocation): DeliveredInvocation {
    const deadlineMs = Date.now() + this.timeoutMs;
    invocation.deadlineMs = deadlineMs;
    invocation.timer = setTimeout(() => {
      const failed = this.fail(invocation.requestId, {
        errorType: "Sandbox.Timedout",
        errorMessage: timedOutMessage(this.timeoutMs),
      });
      if (failed) this.onTimeout?.(invocation.requestId);
    }, this.timeoutMs);
    invocation.timer.unref?.();
    this.running.set(invocation.requestId, invocation);
    return {
      requestId: invocation.requestId,
      body: invocation.body,
      headers: {
        "content-type": "application/json",
        "lambda-runtime-aws-request-id": invocation.requestId,
        "lambda-runtime-deadline-ms": String(deadlineMs),
        "lambda-runtime-invoked-function-arn": invocation.functionArn,
        "lambda-runtime-trace-id": invocation.traceId,
      },
    };
  }

  private finish(requestId: string): QueuedInvocation | undefined {
    const invocation = this.running.get(requestId);
    if (!invocation) return undefined;
    this.running.delete(requestId);
    if (invocation.timer) clearTimeout(invocation.timer);
    return invocation;
  }
}
