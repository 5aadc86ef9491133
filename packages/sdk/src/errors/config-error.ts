import type { ConfigErrorCode } from "./codes.js";
import { assignDefined, DurableError } from "./durable-error.js";
import { defineErrorClass } from "./error-class-registry.js";

/**
 * Invalid configuration or misuse, found before anything is sent: a bad
 * duration, name, function id or option, conflicting transports, or a
 * context used where it may not be.
 *
 * **Terminal:** the execution fails at once and user code cannot catch it.
 * The message names the field, the value received and what is accepted.
 */
export class ConfigError extends DurableError {
  /** Which rule was broken. */
  declare readonly code: ConfigErrorCode;
  /** The option or argument at fault, e.g. `"retryStrategy.maxAttempts"`. */
  declare readonly field?: string;

  constructor(code: ConfigErrorCode, message: string, field?: string) {
    super(message);
    // Unlike the other SDK errors, the code varies per instance.
    assignDefined(this, { code, field });
  }
}

defineErrorClass(ConfigError, "ConfigError");
