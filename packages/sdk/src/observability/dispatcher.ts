import type { DurableLogger } from "../logging/index.js";
import type { DurablePlugin } from "./plugin.js";

type HookName = Exclude<keyof DurablePlugin, "name">;
type HookArgument<K extends HookName> = Parameters<NonNullable<DurablePlugin[K]>>[0];

/**
 * Calls one hook on every plugin that has it. Errors (and rejections) are swallowed with a single
 * warning per plugin and hook, so instrumentation can never change an execution's outcome.
 */
export class PluginDispatcher {
  private readonly warned = new Set<string>();

  constructor(
    private readonly plugins: readonly DurablePlugin[],
    private readonly logger: DurableLogger,
  ) {}

  /** Fire and forget. */
  emit<K extends HookName>(hook: K, info: HookArgument<K>): void {
    for (const plugin of this.plugins) {
      const fn = plugin[hook] as ((arg: HookArgument<K>) => unknown) | undefined;
      if (!fn) continue;
      try {
        const result = fn.call(plugin, info);
        if (result instanceof Promise) result.catch((error: unknown) => this.warn(plugin, hook, error));
      } catch (error) {
        this.warn(plugin, hook, error);
      }
    }
  }

  /** Awaited (invocation start and end only). */
  async emitAndWait<K extends HookName>(hook: K, info: HookArgument<K>): Promise<void> {
    for (const plugin of this.plugins) {
      const fn = plugin[hook] as ((arg: HookArgument<K>) => unknown) | undefined;
      if (!fn) continue;
      try {
        await fn.call(plugin, info);
      } catch (error) {
        this.warn(plugin, hook, error);
      }
    }
  }

  private warn(plugin: DurablePlugin, hook: string, error: unknown): void {
    const key = `${plugin.name ?? "plugin"}:${hook}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.logger.warn(`Durable plugin ${plugin.name ?? "(unnamed)"} threw in ${hook}; its errors are ignored`, error);
  }
}

/** Undefined when no plugin is registered, so call sites cost nothing (`plugins?.emit(...)`). */
export function createDispatcher(plugins: readonly DurablePlugin[] | undefined, logger: DurableLogger): PluginDispatcher | undefined {
  return plugins && plugins.length > 0 ? new PluginDispatcher(plugins, logger) : undefined;
}
