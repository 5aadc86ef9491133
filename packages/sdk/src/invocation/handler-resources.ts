import { createHook } from "node:async_hooks";
import { FlowSlot } from "../operations/flow-slot.js";

/**
 * Kinds of `process.getActiveResourcesInfo()` entries that mean "code of this process is still
 * doing something that will resume it": file system and DNS requests, child processes. Unref'd
 * handles are not listed by Node. Sockets are left out: by kind alone a handler's request cannot
 * be told from a server's kept-alive connection in the same process (a local test server).
 */
const COUNTED_KINDS = new Set(["FSReqCallback", "FSReqPromise", "FileHandleCloseReq", "GetAddrInfoReqWrap", "GetNameInfoReqWrap", "QueryReqWrap", "ProcessWrap"]);

type Counts = Map<string, number>;

function countWork(): Counts {
  const counts: Counts = new Map();
  const list = typeof process.getActiveResourcesInfo === "function" ? process.getActiveResourcesInfo() : [];
  for (const kind of list) if (COUNTED_KINDS.has(kind)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** A timer or immediate as Node exposes it to async hooks. */
interface TimerResource {
  hasRef?(): boolean;
  _destroyed?: boolean;
}

/** Set while handler code runs: timers created under it are the handler's. */
const handlerFlow = new FlowSlot<HandlerResources>();
let hookInstalled = false;

/**
 * Timers and immediates are owned by identity: an async hook notes those created in the handler's
 * async flow (host timers — a test runner's, the Lambda runtime's — are created outside it).
 * Installed once per process, on the first invocation.
 */
function installTimerHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  createHook({
    init(_id, type, _trigger, resource) {
      if (type !== "Timeout" && type !== "Immediate") return;
      handlerFlow.get()?.note(resource as TimerResource);
    },
  }).enable();
}

/**
 * The handler's own non-durable work in progress (a plain timer it awaits, a request it sent).
 * Timers and immediates created in the handler's async flow count while they are pending and
 * ref'd (the SDK's own timers there are unref'd or gone when this is asked). Other kinds are
 * counted against the process's resources when the invocation started (Node lists them by kind
 * only): a resource of the host that closes while the handler opens one of its own hides it.
 */
export class HandlerResources {
  private readonly timers = new Set<TimerResource>();
  private readonly baseline: Counts;
  private closed = false;

  constructor() {
    installTimerHook();
    this.baseline = countWork();
  }

  /** Runs `fn` (the handler) so the timers it creates are known as its own. */
  track<T>(fn: () => T): T {
    return handlerFlow.run(this, fn);
  }

  /** A timer or immediate created in the handler's flow. */
  note(timer: TimerResource): void {
    if (!this.closed) this.timers.add(timer);
  }

  /** Kinds the handler still holds (empty when it holds none). */
  held(): string[] {
    const held: string[] = [];
    let timers = 0;
    for (const timer of this.timers) {
      if (timer._destroyed === true) this.timers.delete(timer);
      else if (timer.hasRef?.() !== false) timers += 1;
    }
    if (timers > 0) held.push("Timeout");
    for (const [kind, count] of countWork()) if (count > (this.baseline.get(kind) ?? 0)) held.push(kind);
    return held;
  }

  /** Stops noting timers (the invocation answered). */
  close(): void {
    this.closed = true;
    this.timers.clear();
  }
}
