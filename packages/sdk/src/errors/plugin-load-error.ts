/**
 * An instrumentation plugin could not be loaded (the official SDK's name; it loads plugins named
 * in `DURABLE_EXECUTION_PLUGINS`). This SDK takes plugins only from `durableExecution`'s
 * `plugins` option and never throws it; it is exported so code that catches it compiles and runs.
 */
export class PluginLoadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PluginLoadError";
  }
}
