import type { BatchResult } from "../concurrency/index.js";
import { ConfigError } from "../errors/index.js";
import { validateName } from "./args.js";
import { runBatch, type BatchConfig } from "./batch.js";
import type { ChildScope, OperationScope } from "../replay/host.js";

export interface MapConfig<I, O> extends BatchConfig<O> {
  /** Names each item's CONTEXT. Default `map-item-<index>`. */
  itemNamer?: (item: I, index: number) => string;
}

export type MapFunc<I, O, C> = (context: C, item: I, index: number, array: I[]) => Promise<O>;

/**
 * `context.map`: runs `fn` for every item, each in its own child context (positions follow item
 * indexes, whatever order they start in), and resolves with a `BatchResult` once the completion
 * policy decides. Item failures are collected, never thrown.
 */
export function runMap<I, O, C>(
  scope: OperationScope<C>,
  name: string | undefined,
  items: I[],
  fn: MapFunc<I, O, C>,
  config: MapConfig<I, O> = {},
  onChild?: (child: ChildScope<C>) => void,
): Promise<BatchResult<O>> {
  if (!Array.isArray(items)) throw new ConfigError("INVALID_CONFIG", `map expects an array of items, received ${typeof items}`, "items");
  const units = {
    names: items.map((item, index) => validateName(config.itemNamer ? config.itemNamer(item, index) : `map-item-${index}`) as string),
    run: (index: number, context: C) => fn(context, items[index] as I, index, items),
  };
  return runBatch(scope, name, units, config, { subType: "Map", itemSubType: "MapIteration", field: "map" }, onChild);
}
