/**
 * Container lifecycle hooks shared by durable and plain handlers: `onColdStart` awaited once per
 * container before the first invocation proceeds, `onShutdown` on SIGTERM.
 */
import type { LambdaContext } from "../context/lambda-context.js";

/** The `onColdStart` hook. */
export type ColdStartHook = (info: { lambdaContext: LambdaContext }) => void | Promise<void>;

/**
 * Runs `onColdStart` once per container, before the first invocation proceeds. A failure makes
 * that invocation throw (Lambda retries it) and the hook runs again next time.
 */
export function createColdStart(hook: ColdStartHook | undefined): (lambdaContext: LambdaContext) => Promise<{ coldStart: boolean; initMs: number }> {
  let done = false;
  let pending: Promise<void> | undefined;
  return async (lambdaContext) => {
    if (done) return { coldStart: false, initMs: 0 };
    const startedAt = performance.now();
    if (hook) {
      pending ??= Promise.resolve(hook({ lambdaContext })).finally(() => (pending = undefined));
      await pending;
    }
    done = true;
    return { coldStart: true, initMs: performance.now() - startedAt };
  };
}

/** Calls `hook` once on SIGTERM; its errors go to `logger.error`. */
export function registerShutdown(hook: () => void | Promise<void>, logger: { error(message: string, error: unknown): void }): void {
  process.once("SIGTERM", () => {
    Promise.resolve()
      .then(hook)
      .catch((error: unknown) => logger.error("onShutdown hook failed", error))
      // Our listener replaced Node's default exit; restore it unless someone else handles SIGTERM.
      .finally(() => {
        if (process.listenerCount("SIGTERM") === 0) process.exit(143);
      });
  });
}
