export { connectLogger, createContextLogger, currentLogData } from "./context-logger.js";
export { createJsonLogger, parseLogLevel, type JsonLogger } from "./default-logger.js";
export {
  DurableLogLevel,
  type DurableContextLogger,
  type DurableLogData,
  type DurableLogger,
  type LoggerConfig,
} from "./durable-logger.js";
