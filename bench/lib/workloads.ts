/**
 * The handler bodies every figure runs. They use only the part of `DurableContext` both SDKs share,
 * so the same body runs unchanged under either SDK.
 */

type Duration = { seconds: number } | { days: number };

/** The slice of `DurableContext` the workloads use (identical in both SDKs). */
export interface BenchContext {
  step<T>(name: string, fn: () => Promise<T>): PromiseLike<T>;
  wait(name: string, duration: Duration): PromiseLike<void>;
  map<I, O>(
    name: string,
    items: I[],
    fn: (context: BenchContext, item: I, index: number) => Promise<O>,
    config: { maxConcurrency: number },
  ): PromiseLike<{ getResults(): O[] }>;
}

export type Workload = (event: unknown, context: BenchContext) => Promise<unknown>;

/** `n` tiny sequential steps (each returns its index); answers their sum. */
export function sequentialSteps(n: number): Workload {
  return async (_event, context) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += await context.step(`step-${i}`, async () => i);
    return sum;
  };
}

/**
 * `n` tiny steps, then a 1 s wait ("gate"), then a 1-day wait ("hold"). The first invocation runs the
 * steps and suspends on the gate; the second replays them and suspends on the hold; every later
 * invocation replays `n` steps and 2 waits and suspends again without checkpointing anything, so it
 * is pure replay and can be repeated on the same history.
 */
export function replayHistory(n: number): Workload {
  return async (_event, context) => {
    for (let i = 0; i < n; i++) await context.step(`step-${i}`, async () => i);
    await context.wait("gate", { seconds: 1 });
    await context.wait("hold", { days: 1 });
    return n;
  };
}

/** `context.map` over `items` numbers with `maxConcurrency`; each item runs one tiny step. */
export function mapItems(items: number, maxConcurrency: number): Workload {
  return async (_event, context) => {
    const input = Array.from({ length: items }, (_, i) => i);
    const result = await context.map("items", input, (child, item) => Promise.resolve(child.step("double", async () => item * 2)), {
      maxConcurrency,
    });
    return result.getResults().reduce((sum, value) => sum + value, 0);
  };
}

/** The answers the workloads must produce: a run that gives anything else is not counted. */
export const expected = {
  sequentialSteps: (n: number) => (n * (n - 1)) / 2,
  mapItems: (items: number) => items * (items - 1),
};
