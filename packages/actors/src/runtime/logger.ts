/** The default logger: one JSON line per entry on the console, with the call's keys attached. */
import type { ActorLogger } from "../definition/context.js";

/** A logger that writes JSON lines to the console. */
export const consoleLogger: ActorLogger = {
  debug: (message, extra) => console.debug(JSON.stringify({ level: "DEBUG", message, ...extra })),
  info: (message, extra) => console.info(JSON.stringify({ level: "INFO", message, ...extra })),
  warn: (message, extra) => console.warn(JSON.stringify({ level: "WARN", message, ...extra })),
  error: (message, extra) => console.error(JSON.stringify({ level: "ERROR", message, ...extra })),
};

/** A logger that drops everything. */
export const silentLogger: ActorLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** `base` with `fields` merged into every entry. */
export function withFields(base: ActorLogger, fields: Record<string, unknown>): ActorLogger {
  return {
    debug: (m, e) => base.debug(m, { ...fields, ...e }),
    info: (m, e) => base.info(m, { ...fields, ...e }),
    warn: (m, e) => base.warn(m, { ...fields, ...e }),
    error: (m, e) => base.error(m, { ...fields, ...e }),
  };
}
