import type { BatchResult } from "../concurrency/index.js";
import { ConfigError } from "../errors/index.js";
import { validateName } from "./args.js";
import { runBatch, type BatchConfig } from "./batch.js";
import type { ChildScope, OperationScope } from "../replay/host.js";

export type ParallelFunc<O, C> = (context: C) => Promise<O>;
/** A branch: a function, or a named one (the name labels its CONTEXT). */
export type ParallelBranch<O, C> = ParallelFunc<O, C> | { name?: string; func: ParallelFunc<O, C> };
export type ParallelConfig<O> = BatchConfig<O>;

/**
 * `context.parallel`: runs each branch in its own child context, concurrently up to
 * `maxConcurrency`, and resolves with a `BatchResult` once the completion policy decides.
 */
export function runParallel<O, C>(
  scope: OperationScope<C>,
  name: string | undefined,
  branches: ParallelBranch<O, C>[],
  config: ParallelConfig<O> = {},
  onChild?: (child: ChildScope<C>) => void,
): Promise<BatchResult<O>> {
  if (!Array.isArray(branches)) throw new ConfigError("INVALID_CONFIG", `parallel expects an array of branches, received ${typeof branches}`, "branches");
  const funcs = branches.map((branch, index) => {
    const func = typeof branch === "function" ? branch : branch?.func;
    if (typeof func !== "function") {
      throw new ConfigError("INVALID_CONFIG", `parallel branch ${index} is neither a function nor { name?, func }`, `branches[${index}]`);
    }
    return func;
  });
  const units = {
    names: branches.map((branch, index) => validateName((typeof branch === "function" ? undefined : branch.name) ?? `parallel-branch-${index}`) as string),
    run: (index: number, context: C) => (funcs[index] as ParallelFunc<O, C>)(context),
  };
  return runBatch(scope, name, units, config, { subType: "Parallel", itemSubType: "ParallelBranch", field: "parallel" }, onChild);
}
