import { DurableLogLevel, type DurableLogData, type DurableLogger } from "./durable-logger.js";
import { errorToLogJson, toLogJson } from "./log-json.js";

const LEVEL_RANK: Record<DurableLogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

/** Reads a level name (e.g. `AWS_LAMBDA_LOG_LEVEL`); unknown or absent → DEBUG. */
export function parseLogLevel(value: string | undefined): DurableLogLevel {
  const upper = (value ?? "").toUpperCase();
  if (upper === "WARNING") return DurableLogLevel.WARN;
  return upper in LEVEL_RANK ? (upper as DurableLogLevel) : DurableLogLevel.DEBUG;
}

/** A logger that writes one JSON line per call, carrying the durable fields. */
export type JsonLogger = DurableLogger & Required<Pick<DurableLogger, "configureDurableLoggingContext">>;

/** Longest line written (UTF-16 units); CloudWatch Logs keeps events up to 256 KB. */
export const MAX_LOG_LINE_LENGTH = 200_000;

/**
 * The default logger: one JSON line per call (`timestamp, level, requestId, executionArn,
 * operationId?, operationName?, attempt?, message`), plus `errorType/errorMessage/stackTrace/cause`
 * when an `Error` is among the arguments. It never throws: cycles, BigInt, throwing getters and
 * errors with causes are written safely, and a line over {@link MAX_LOG_LINE_LENGTH} is cut
 * (`truncated: true`).
 */
export function createJsonLogger(options: { level?: DurableLogLevel; write?: (line: string) => void } = {}): JsonLogger {
  const minimum = LEVEL_RANK[options.level ?? DurableLogLevel.DEBUG];
  const write = options.write ?? ((line: string) => process.stdout.write(line + "\n"));
  let data: () => Partial<DurableLogData> = () => ({});
  const emit = (level: DurableLogLevel, params: unknown[]) => {
    if (LEVEL_RANK[level] < minimum) return;
    try {
      write(renderLine(level, data, params));
    } catch {
      // The sink itself failed (closed stream): a log line is never worth failing the execution.
    }
  };
  return {
    configureDurableLoggingContext: (context) => {
      data = () => context.getDurableLogData();
    },
    debug: (...p: unknown[]) => emit(DurableLogLevel.DEBUG, p),
    info: (...p: unknown[]) => emit(DurableLogLevel.INFO, p),
    warn: (...p: unknown[]) => emit(DurableLogLevel.WARN, p),
    error: (...p: unknown[]) => emit(DurableLogLevel.ERROR, p),
    log: (level, ...p: unknown[]) => emit(parseLogLevel(level), p),
  };
}

function renderLine(level: DurableLogLevel, data: () => Partial<DurableLogData>, params: unknown[]): string {
  const head = { timestamp: new Date().toISOString(), level };
  let line: Record<string, unknown>;
  try {
    line = formatLine(head, data(), params);
  } catch (error) {
    line = { ...head, message: "[log line could not be built]", logError: String(toLogJson(error)) };
  }
  const text = JSON.stringify(line);
  if (text.length <= MAX_LOG_LINE_LENGTH) return text;
  const message = typeof line.message === "string" ? line.message.slice(0, MAX_LOG_LINE_LENGTH / 2) : "";
  return JSON.stringify({
    ...head,
    ...pick(line, ["requestId", "executionArn", "operationId", "operationName", "attempt"]),
    message,
    truncated: true,
    originalLength: text.length,
  });
}

function formatLine(head: Record<string, unknown>, data: Partial<DurableLogData>, params: unknown[]): Record<string, unknown> {
  const line: Record<string, unknown> = { ...head, ...(toLogJson(data) as Record<string, unknown>) };
  const texts: string[] = [];
  for (const param of params) {
    if (param instanceof Error) {
      Object.assign(line, errorToLogJson(param));
    } else if (typeof param === "object" && param !== null) {
      const fields = toLogJson(param);
      if (typeof fields === "object" && fields !== null && !Array.isArray(fields)) Object.assign(line, fields);
      else texts.push(JSON.stringify(fields));
    } else {
      texts.push(typeof param === "string" ? param : String(toLogJson(param)));
    }
  }
  line.message = texts.join(" ");
  return line;
}

function pick(line: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = line[key];
    if (value !== undefined && (typeof value !== "string" || value.length < 2048)) out[key] = value;
  }
  return out;
}
