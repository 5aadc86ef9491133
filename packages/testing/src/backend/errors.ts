/**
 * The service's errors, built from the real client-lambda exception classes so that code under
 * test sees exactly what the client would throw (`name`, `message`, `$fault`, `$metadata`).
 * client-lambda is loaded by the first error, not by the backend: most runs never throw one.
 */
import type {
  CallbackTimeoutException,
  DurableExecutionAlreadyStartedException,
  ErrorObject,
  InvalidParameterValueException,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
} from "@aws-sdk/client-lambda";
import { clientLambda } from "../client-lambda/index.js";

/** Prefix of every stale-token message; SDKs match on it case-insensitively (protocol §7, §9). */
export const INVALID_TOKEN_MESSAGE = "Invalid checkpoint token";

/** 400 `InvalidParameterValueException` with the given message. */
export function invalidParameter(message: string): InvalidParameterValueException {
  return new (clientLambda().InvalidParameterValueException)({ message, $metadata: { httpStatusCode: 400 } });
}

/** 400 `InvalidParameterValueException` whose message starts with "Invalid checkpoint token". */
export function invalidToken(detail?: string): InvalidParameterValueException {
  return invalidParameter(detail ? `${INVALID_TOKEN_MESSAGE}: ${detail}` : INVALID_TOKEN_MESSAGE);
}

/** 404 `ResourceNotFoundException` naming the execution. */
export function executionNotFound(arn: unknown): ResourceNotFoundException {
  return new (clientLambda().ResourceNotFoundException)({
    message: `Durable execution not found: ${String(arn)}`,
    $metadata: { httpStatusCode: 404 },
  });
}

/** 404 `ResourceNotFoundException` naming the callback. */
export function callbackNotFound(callbackId: string): ResourceNotFoundException {
  return new (clientLambda().ResourceNotFoundException)({ message: `Callback not found: ${callbackId}`, $metadata: { httpStatusCode: 404 } });
}

/** 400 `CallbackTimeoutException`: the callback is closed, or its execution ended. */
export function callbackClosed(message: string): CallbackTimeoutException {
  return new (clientLambda().CallbackTimeoutException)({ message, $metadata: { httpStatusCode: 400 } });
}

/** 409 `DurableExecutionAlreadyStartedException`: the name is taken by an execution with another input. */
export function alreadyStarted(executionName: string): DurableExecutionAlreadyStartedException {
  return new (clientLambda().DurableExecutionAlreadyStartedException)({
    message: `Durable execution ${executionName} already started with a different payload`,
    $metadata: { httpStatusCode: 409 },
  });
}

/** 429 `TooManyRequestsException`. */
export function throttled(): TooManyRequestsException {
  return new (clientLambda().TooManyRequestsException)({
    message: "Rate exceeded",
    retryAfterSeconds: "1",
    Reason: "CallerRateLimitExceeded",
    $metadata: { httpStatusCode: 429 },
  });
}

/** 500 `ServiceException`. */
export function serviceError(): ServiceException {
  return new (clientLambda().ServiceException)({ message: "Internal service error", $metadata: { httpStatusCode: 500 } });
}

/**
 * A network-style failure, as the client reports a lost response: `name` "TimeoutError" and no
 * `$metadata.httpStatusCode`, so SDKs classify it as transient.
 */
export function lostResponse(api: string): Error {
  const error = new Error(`${api}: socket timed out before the response arrived (injected LostResponse)`);
  error.name = "TimeoutError";
  return error;
}

/**
 * Misuse of the backend by its driver (a test runner), e.g. beginning a second invocation while
 * one is open. Not a service error: it never reaches code under test through the client.
 */
export class BackendStateError extends Error {
  override readonly name = "BackendStateError";
}

/**
 * Converts whatever a function threw into an {@link ErrorObject}, as Lambda reports it: an
 * `Error`'s name, message and stack lines (`stack: "frames"`: only the `at …` frames, trimmed), or
 * for any other value its type and its text.
 */
export function toErrorObject(thrown: unknown, o: { stack?: "lines" | "frames" } = {}): ErrorObject {
  if (thrown instanceof Error) {
    const error: ErrorObject = { ErrorType: thrown.name, ErrorMessage: thrown.message };
    if (thrown.stack) {
      const lines = thrown.stack.split("\n");
      error.StackTrace = o.stack === "frames" ? lines.slice(1).map((line) => line.trim()) : lines;
    }
    return error;
  }
  let message: string;
  try {
    message = typeof thrown === "string" ? thrown : (JSON.stringify(thrown) ?? String(thrown));
  } catch {
    message = String(thrown);
  }
  return { ErrorType: typeof thrown === "object" && thrown !== null ? "Object" : typeof thrown, ErrorMessage: message };
}
