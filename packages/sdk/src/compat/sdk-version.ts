/** This package's version (kept equal to package.json by a test). */
export const SDK_VERSION = "0.1.0";

/**
 * The official SDK re-reads `DURABLE_VERBOSE_MODE` here. This SDK caches no logging settings (the
 * default logger reads `AWS_LAMBDA_LOG_LEVEL` when the handler is built), so there is nothing to
 * refresh; kept so code that calls it runs unchanged.
 */
export function refreshLogConfig(): void {}
