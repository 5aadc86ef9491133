/**
 * Every error the actors package throws: one base class with a `code` from {@link ACTOR_ERROR_CODES}.
 * Match on `code` (or `isActorError`), not `instanceof`: the package may be loaded twice.
 */

/** The error codes, and what the runtime does with each. */
export const ACTOR_ERROR_CODES = {
  /** A write was fenced off: another writer committed or holds the lease. The call did not commit; retried for async calls. */
  CONFLICT: "ACTOR_CONFLICT",
  /** The lease stayed held by another call for longer than the lock wait. Transient: retried for async calls. */
  BUSY: "ACTOR_BUSY",
  /** `save()` in a shared (read-only) handler. Deterministic. */
  READ_ONLY: "ACTOR_READ_ONLY",
  /** The actor id is not a string of 1–1,024 characters. Deterministic. */
  INVALID_ACTOR_ID: "ACTOR_INVALID_ID",
  /** No handler of that name. Deterministic. */
  UNKNOWN_HANDLER: "ACTOR_UNKNOWN_HANDLER",
  /** The Lambda event or a queued message is not an actor request. Deterministic. */
  MALFORMED_EVENT: "ACTOR_MALFORMED_EVENT",
  /** The state (with the call window) is over the store's item limit. Checked before the write. Deterministic. */
  STATE_TOO_LARGE: "ACTOR_STATE_TOO_LARGE",
  /** State, payload or result is not JSON. Deterministic. */
  NOT_SERIALIZABLE: "ACTOR_NOT_SERIALIZABLE",
  /** The handler threw; `name`, `message` and `data` are the handler's. */
  HANDLER_FAILED: "ACTOR_HANDLER_FAILED",
  /** A call from a handler to an exclusive handler of its own actor id, which would wait for its own lease. */
  REENTRANT_CALL: "ACTOR_REENTRANT_CALL",
  /** Bad configuration (options out of range, missing store). Deterministic. */
  CONFIG: "ACTOR_CONFIG",
} as const;

export type ActorErrorCode = (typeof ACTOR_ERROR_CODES)[keyof typeof ACTOR_ERROR_CODES];

const DETERMINISTIC = new Set<ActorErrorCode>([
  ACTOR_ERROR_CODES.READ_ONLY,
  ACTOR_ERROR_CODES.INVALID_ACTOR_ID,
  ACTOR_ERROR_CODES.UNKNOWN_HANDLER,
  ACTOR_ERROR_CODES.MALFORMED_EVENT,
  ACTOR_ERROR_CODES.STATE_TOO_LARGE,
  ACTOR_ERROR_CODES.NOT_SERIALIZABLE,
  ACTOR_ERROR_CODES.REENTRANT_CALL,
  ACTOR_ERROR_CODES.CONFIG,
]);

/** True for a fault that retrying cannot fix (bad input, bad configuration). */
export function isDeterministic(code: ActorErrorCode): boolean {
  return DETERMINISTIC.has(code);
}

/** Base class of the package's errors. */
export class ActorError extends Error {
  readonly code: ActorErrorCode;
  /** Structured details (the field, the value received, the limit). */
  readonly data?: unknown;
  constructor(code: ActorErrorCode, message: string, options: { data?: unknown; cause?: unknown; name?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = options.name ?? new.target.name;
    if (options.data !== undefined) this.data = options.data;
  }
}

/** True when `error` is an {@link ActorError} of this or another copy of the package. */
export function isActorError(error: unknown): error is ActorError {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("ACTOR_");
}

/**
 * A commit was fenced off: the version moved on or another call holds the lease (this call's lease
 * expired while it ran). Nothing was written. Async calls are retried; a sync caller may retry.
 */
export class ActorConflictError extends ActorError {
  readonly actorId: string;
  constructor(actorId: string, message: string) {
    super(ACTOR_ERROR_CODES.CONFLICT, message, { data: { actorId } });
    this.actorId = actorId;
  }
}

/** The lease stayed held for longer than the lock wait. Transient: async calls are retried. */
export class ActorBusyError extends ActorError {
  readonly actorId: string;
  constructor(actorId: string, waitedMs: number) {
    super(ACTOR_ERROR_CODES.BUSY, `Actor ${JSON.stringify(actorId)} stayed locked by another call for ${waitedMs} ms (the lock wait)`, { data: { actorId, waitedMs } });
    this.actorId = actorId;
  }
}

/** `save()` was called in a shared handler, which may only read. */
export class ActorReadOnlyError extends ActorError {
  constructor(handler: string) {
    super(ACTOR_ERROR_CODES.READ_ONLY, `Handler ${JSON.stringify(handler)} is shared (read-only): save() is only allowed in exclusive handlers`, { data: { handler } });
  }
}

/** Bad input: names the field, the value received and what is accepted. */
export class ActorInputError extends ActorError {
  readonly field: string;
  constructor(code: ActorErrorCode, field: string, message: string, received?: unknown) {
    super(code, message, { data: { field, received } });
    this.field = field;
  }
}

/** The state is over the store's item limit; detected before the write, nothing was written. */
export class ActorStateTooLargeError extends ActorError {
  constructor(actorId: string, bytes: number, limit: number) {
    super(
      ACTOR_ERROR_CODES.STATE_TOO_LARGE,
      `The state of actor ${JSON.stringify(actorId)} would take ${bytes} bytes with its call window, over the store's item limit of ${limit} bytes`,
      {
        data: { actorId, bytes, limit },
      },
    );
  }
}

/**
 * A handler threw. `name`, `message` and `data` are those of the handler's error, so a caller can
 * branch on `error.name` as if it had called the handler directly; `code` says where it came from.
 */
export class ActorHandlerError extends ActorError {
  constructor(name: string, message: string, data?: unknown) {
    super(ACTOR_ERROR_CODES.HANDLER_FAILED, message, { data, name });
  }
}
