/**
 * Errors on the wire, as the service sends them (restJson1): the status of the exception, the
 * `x-amzn-errortype` header and a body `{__type, Type, message, Message}`. The backend already
 * throws the client's own exception classes; this module renders them and builds the few errors
 * only the HTTP layer can raise (unparseable bodies, unknown routes, oversized requests).
 */
import type { InvalidParameterValueException, InvalidRequestContentException, RequestTooLargeException, ResourceNotFoundException } from "@aws-sdk/client-lambda";
import { clientLambda } from "../client-lambda/index.js";
import type { ServiceResponse } from "./messages.js";

/** 400 InvalidRequestContentException: the body is not the JSON the operation takes. */
export function invalidRequestContent(message: string): InvalidRequestContentException {
  return new (clientLambda().InvalidRequestContentException)({ message, Type: "User", $metadata: { httpStatusCode: 400 } });
}

/** 400 InvalidParameterValueException for a bad path, query or header value. */
export function invalidParameterValue(message: string): InvalidParameterValueException {
  return new (clientLambda().InvalidParameterValueException)({ message, Type: "User", $metadata: { httpStatusCode: 400 } });
}

/** 413 RequestTooLargeException. */
export function requestTooLarge(message: string): RequestTooLargeException {
  return new (clientLambda().RequestTooLargeException)({ message, Type: "User", $metadata: { httpStatusCode: 413 } });
}

/** 404 ResourceNotFoundException. */
export function resourceNotFound(message: string): ResourceNotFoundException {
  return new (clientLambda().ResourceNotFoundException)({ message, Type: "User", $metadata: { httpStatusCode: 404 } });
}

interface ServiceErrorLike {
  name: string;
  message: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  Reason?: string;
  retryAfterSeconds?: string;
}

function isServiceError(error: unknown): error is ServiceErrorLike {
  if (!(error instanceof Error)) return false;
  const status = (error as ServiceErrorLike).$metadata?.httpStatusCode;
  return typeof status === "number" && status >= 400 && status < 600;
}

/**
 * Renders a thrown value as the service's error answer. Client-lambda exceptions keep their name
 * and status; anything else is a 500 ServiceException (a bug of the emulator, never of the caller).
 */
export function errorResponse(error: unknown): ServiceResponse {
  if (isServiceError(error)) {
    const status = error.$metadata!.httpStatusCode!;
    const body: Record<string, unknown> = {
      __type: error.name,
      Type: error.$fault === "server" || status >= 500 ? "Service" : "User",
      message: error.message,
      Message: error.message,
    };
    if (error.Reason !== undefined) body.Reason = error.Reason;
    const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-errortype": error.name };
    if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
    return { status, headers, body: JSON.stringify(body) };
  }
  const message = `Internal error of the local server: ${error instanceof Error ? error.message : String(error)}`;
  return {
    status: 500,
    headers: { "content-type": "application/json", "x-amzn-errortype": "ServiceException" },
    body: JSON.stringify({ __type: "ServiceException", Type: "Service", message, Message: message }),
  };
}

/** The answer to a path or method no operation has (the service's UnknownOperationException). */
export function unknownOperation(method: string, path: string): ServiceResponse {
  const message = `No operation at ${method} ${path}`;
  return {
    status: 404,
    headers: { "content-type": "application/json", "x-amzn-errortype": "UnknownOperationException" },
    body: JSON.stringify({ __type: "UnknownOperationException", message, Message: message }),
  };
}
