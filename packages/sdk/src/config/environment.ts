/**
 * The environment switches of the SDK. Only the entry points (`durableExecution`, `lambdaHandler`,
 * `runBootstrap`) read `process.env`, once when the handler is built, and pass what they read down
 * as configuration; nothing below an entry looks at the environment.
 */

/**
 * `DURABLE_TS_METRICS`: `1` or `true` turns the `invocation.metrics` lines on, `0` or `false` off
 * (any letter case). Unset or any other value gives `undefined`: the entry's own default applies.
 */
export function metricsSwitch(env: Readonly<Record<string, string | undefined>>): boolean | undefined {
  const value = env.DURABLE_TS_METRICS?.toLowerCase();
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  return undefined;
}
