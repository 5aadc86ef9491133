export { connectLogger, createContextLogger } from "./context-logger.js";
export { createJsonLogger, parseLogLevel } from "./default-logger.js";
export { DurableLogLevel, type DurableContextLogger, type DurableLogData, type DurableLogger, type LoggerConfig } from "./durable-logger.js";
