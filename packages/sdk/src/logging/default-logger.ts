import { DurableLogLevel, type DurableLogData, type DurableLogger } from "./durable-logger.js";

const LEVEL_RANK: Record<DurableLogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

/** Reads a level name (e.g. `AWS_LAMBDA_LOG_LEVEL`); unknown or absent → DEBUG. */
export function parseLogLevel(value: string | undefined): DurableLogLevel {
  const upper = (value ?? "").toUpperCase();
  if (upper === "WARNING") return DurableLogLevel.WARN;
  return upper in LEVEL_RANK ? (upper as DurableLogLevel) : DurableLogLevel.DEBUG;
}

/** A logger that writes one JSON line per call, carrying the durable fields. */
export type JsonLogger = DurableLogger & Required<Pick<DurableLogger, "configureDurableLoggingContext">>;

/**
 * The default logger: one JSON line per call (`timestamp, level, requestId, executionArn,
 * operationId?, operationName?, attempt?, message`), plus `errorType/errorMessage/stackTrace`
 * when an `Error` is among the arguments.
 */
export function createJsonLogger(options: { level?: DurableLogLevel; write?: (line: string) => void } = {}): JsonLogger {
  const minimum = LEVEL_RANK[options.level ?? DurableLogLevel.DEBUG];
  const write = options.write ?? ((line: string) => process.stdout.write(line + "\n"));
  let data: () => Partial<DurableLogData> = () => ({});
  const emit = (level: DurableLogLevel, params: unknown[]) => {
    if (LEVEL_RANK[level] < minimum) return;
    write(JSON.stringify(formatLine(level, data(), params)));
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

function formatLine(level: DurableLogLevel, data: Partial<DurableLogData>, params: unknown[]): Record<string, unknown> {
  const line: Record<string, unknown> = { timestamp: new Date().toISOString(), level, ...data };
  const texts: string[] = [];
  for (const param of params) {
    if (param instanceof Error) {
      line.errorType = param.name;
      line.errorMessage = param.message;
      line.stackTrace = param.stack?.split("\n");
    } else if (typeof param === "object" && param !== null) {
      Object.assign(line, param);
    } else {
      texts.push(String(param));
    }
  }
  line.message = texts.join(" ");
  return line;
}
