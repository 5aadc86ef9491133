/**
 * The typed error of plain handlers: a machine-readable `code`, a message and optional `data`.
 * Route `catches` match on `code` (any thrown value with a string `code` qualifies, so errors of
 * other libraries can be shaped too); an error without a code always propagates.
 */

/**
 * An error a handler throws on purpose, to be shaped into an answer by a route's `catches`
 * (or to fail the invocation, with `code` as Lambda's `errorType`, when nothing catches it).
 * @example
 * throw new HandlerError("ORDER_NOT_FOUND", `No order ${id}`, { id });
 */
export class HandlerError<D = unknown> extends Error {
  override name = "HandlerError";
  /** Machine-readable code; `catches` entries match on it. */
  readonly code: string;
  /** Structured details for the answer (`catches` bodies read it as `error.data`). */
  readonly data?: D;

  constructor(code: string, message: string, data?: D, options?: { cause?: unknown }) {
    super(message, options);
    if (typeof code !== "string" || code === "") throw new TypeError(`HandlerError: code must be a non-empty string, received ${JSON.stringify(code)}`);
    this.code = code;
    if (data !== undefined) this.data = data;
  }
}

/** The `code` of a thrown value, when it carries a non-empty string one (a HandlerError, a Node system error…). */
export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code !== "" ? code : undefined;
}

/**
 * A Lambda event failed the handler's `validate` schema. Code `INVALID_EVENT`, so a route can
 * answer it (e.g. with a 400) through `catches`; `field` names the first field at fault.
 */
export class EventValidationError extends HandlerError<{ issues: ReadonlyArray<{ message: string; path?: string }> }> {
  override name = "EventValidationError";
  /** Dotted path of the first field at fault, when the schema named one. */
  readonly field?: string;

  constructor(issues: ReadonlyArray<{ message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> }>) {
    const flat = issues.map((issue) => {
      const path = issue.path?.map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".");
      return path ? { message: issue.message, path } : { message: issue.message };
    });
    super("INVALID_EVENT", `Invalid event: ${flat.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; ")}`, { issues: flat });
    const field = flat.find((issue) => issue.path)?.path;
    if (field !== undefined) this.field = field;
  }
}
