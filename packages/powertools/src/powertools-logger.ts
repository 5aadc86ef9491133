import type { DurableLogData, DurableLogger } from "@durable-ts/sdk";

/** What the adapter needs of a Powertools `Logger` (written out so the logger package stays an optional peer). */
export interface PowertoolsLoggerLike {
  error(input: string, ...extraInput: unknown[]): void;
  warn(input: string, ...extraInput: unknown[]): void;
  info(input: string, ...extraInput: unknown[]): void;
  debug(input: string, ...extraInput: unknown[]): void;
}

/** Keys appended to every log item, named in Powertools' snake_case style. */
export interface DurableLogKeys {
  execution_arn: string;
  durable_request_id?: string;
  operation_id?: string;
  operation_name?: string;
  attempt?: number;
  replaying?: boolean;
  tenant_id?: string;
}

type Level = "error" | "warn" | "info" | "debug";

function keysOf(data: DurableLogData): DurableLogKeys {
  const keys: DurableLogKeys = { execution_arn: data.executionArn };
  if (data.requestId !== "") keys.durable_request_id = data.requestId;
  if (data.operationId !== undefined) keys.operation_id = data.operationId;
  if (data.operationName !== undefined) keys.operation_name = data.operationName;
  if (data.attempt !== undefined) keys.attempt = data.attempt;
  if (typeof data.replaying === "boolean") keys.replaying = data.replaying;
  if (data.tenantId !== undefined) keys.tenant_id = data.tenantId;
  return keys;
}

/** Powertools takes errors, strings and plain objects as extra input; anything else is wrapped. */
function asExtra(value: unknown): unknown {
  if (value instanceof Error || typeof value === "string") return value;
  if (typeof value === "object" && value !== null) return value;
  if (typeof value === "bigint") return { value: `${value}n` };
  return { value };
}

/**
 * The Powertools `Logger` as the durable logger (`durableExecution(fn, { logger })`). Each log item
 * gets the durable keys of the call: `execution_arn`, `operation_id`, `operation_name`, `attempt`,
 * `replaying`, `durable_request_id` (and `tenant_id` when set). Replay-aware like the SDK's own
 * logger: the SDK drops calls made while a context replays, unless `modeAware: false`.
 *
 * Logging never fails an execution: a value Powertools cannot log is replaced by a note.
 *
 * @example
 * const logger = new Logger({ serviceName: "orders" });
 * export const handler = durableExecution(workflow, { logger: durablePowertoolsLogger(logger) });
 */
export function durablePowertoolsLogger(logger: PowertoolsLoggerLike): DurableLogger {
  let data: () => DurableLogData = () => ({ requestId: "", executionArn: "" });
  const at =
    (level: Level) =>
    (...params: unknown[]) => {
      const [first, ...rest] = params;
      const message = typeof first === "string" ? first : first instanceof Error ? first.message : "";
      const extras = typeof first === "string" ? rest : [first, ...rest];
      const keys = keysOf(data());
      try {
        logger[level](message, ...extras.map(asExtra), keys);
      } catch (error) {
        // A value the logger cannot serialize (a getter that throws, say): keep the line without it.
        try {
          logger[level](message, { ...keys, log_error: `could not log the arguments: ${(error as Error)?.message ?? String(error)}` });
        } catch {
          // nothing left to try: logging must not fail the execution
        }
      }
    };
  return {
    error: at("error"),
    warn: at("warn"),
    info: at("info"),
    debug: at("debug"),
    configureDurableLoggingContext(context) {
      data = () => context.getDurableLogData();
    },
  };
}
