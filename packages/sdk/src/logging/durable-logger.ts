/** Log levels, lowest first. */
export enum DurableLogLevel {
  DEBUG = "DEBUG",
  INFO = "INFO",
  WARN = "WARN",
  ERROR = "ERROR",
}

/** Durable fields attached to every log line: where in the execution the call was made. */
export interface DurableLogData {
  requestId: string;
  executionArn: string;
  tenantId?: string;
  operationId?: string;
  operationName?: string;
  attempt?: number;
  /** True when the line is logged while its context replays (only with `modeAware: false`). */
  replaying?: boolean;
  [key: string]: unknown;
}

/**
 * Any logger with `error`, `warn`, `info` and `debug` fits: AWS Powertools' `Logger`, pino, `console`.
 * `configureDurableLoggingContext`, when present, is called once so the logger can pull the
 * current durable fields itself.
 */
export type DurableLogger = Record<"error" | "warn" | "info" | "debug", (...params: any[]) => void> & {
  log?(level: `${DurableLogLevel}`, ...params: any[]): void;
  configureDurableLoggingContext?(context: { getDurableLogData(): DurableLogData }): void;
};

/** The logger user code receives: silent while its own context replays (unless mode-aware logging is off). */
export type DurableContextLogger<L extends DurableLogger = DurableLogger> = Pick<L, "error" | "warn" | "info" | "debug"> & {
  log(level: `${DurableLogLevel}`, ...params: any[]): void;
};

/** Per-context logger settings (`context.configureLogger`). */
export interface LoggerConfig<L extends DurableLogger = DurableLogger> {
  customLogger?: L;
  /** When false, log during replay too. Default true. */
  modeAware?: boolean;
}
