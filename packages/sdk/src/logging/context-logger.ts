import type { DurableContextLogger, DurableLogData, DurableLogger } from "./durable-logger.js";

/**
 * Wraps a logger for one context (or one step body): calls are dropped while `shouldLog()` is
 * false (the context is replaying), so nothing logged on the first run is logged again on replay.
 * Custom loggers receive the arguments unchanged; `data()` feeds `getDurableLogData()`. A logger
 * that throws is ignored for that call: logging never fails an execution.
 */
export function createContextLogger<L extends DurableLogger>(base: L, shouldLog: () => boolean, data: () => DurableLogData): DurableContextLogger<L> {
  const withData =
    (fn: (...p: any[]) => void) =>
    (...params: any[]) => {
      if (!shouldLog()) return;
      activeData = data;
      try {
        fn.apply(base, params);
      } catch {
        // A log line is never worth failing a step or the execution over.
      } finally {
        activeData = undefined;
      }
    };
  return {
    error: withData(base.error),
    warn: withData(base.warn),
    info: withData(base.info),
    debug: withData(base.debug),
    log: withData((level: string, ...params: unknown[]) => {
      if (base.log) base.log(level as never, ...params);
      else pickLevel(base, level)(...params);
    }),
  } as DurableContextLogger<L>;
}

let activeData: (() => DurableLogData) | undefined;

/** The durable fields of the log call in progress (read by loggers through `getDurableLogData`); empty outside one. */
export function currentLogData(): DurableLogData {
  return activeData ? activeData() : { requestId: "", executionArn: "" };
}

function pickLevel(base: DurableLogger, level: string): (...p: unknown[]) => void {
  const key = level.toLowerCase();
  const fn = key === "error" || key === "warn" || key === "info" || key === "debug" ? base[key] : base.info;
  return fn.bind(base);
}

const connectedLoggers = new WeakSet<object>();

/**
 * Gives a logger that asks for them (`configureDurableLoggingContext`) the durable fields of the
 * log call in progress. Done once per logger object; the fields are set by the context logger for
 * the duration of each call, so concurrent executions in one process never mix them up.
 */
export function connectLogger(logger: DurableLogger): void {
  if (!logger.configureDurableLoggingContext || connectedLoggers.has(logger)) return;
  connectedLoggers.add(logger);
  logger.configureDurableLoggingContext({ getDurableLogData: () => currentLogData() });
}
