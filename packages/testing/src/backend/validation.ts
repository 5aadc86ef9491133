/**
 * Field rules of one OperationUpdate (protocol §3, §8), independent of stored state.
 * Each check returns the violated rule as text, or `undefined`; the caller adds the update's
 * index and Id to the message.
 */
import type { ErrorObject, OperationUpdate } from "@aws-sdk/client-lambda";
import { MAX_DURATION_SECONDS, MAX_FUNCTION_NAME_LENGTH, MAX_TENANT_ID_LENGTH, utf8Bytes, type BackendLimits } from "./limits.js";

export const OPERATION_TYPES = ["EXECUTION", "CONTEXT", "STEP", "WAIT", "CALLBACK", "CHAINED_INVOKE"] as const;
export const OPERATION_ACTIONS = ["START", "SUCCEED", "FAIL", "RETRY", "CANCEL"] as const;

const ID = /^[a-zA-Z0-9_-]{1,64}$/;
const SUB_TYPE = /^[a-zA-Z0-9_-]{1,32}$/;
const NAME = /^[\x20-\x7E]{1,256}$/;
const CLIENT_TOKEN = /^[\x21-\x7E]{1,64}$/;
const FUNCTION_NAME = new RegExp(`^[\\x21-\\x7E]{1,${MAX_FUNCTION_NAME_LENGTH}}$`);
const TENANT_ID = new RegExp(`^[\\x20-\\x7E]{1,${MAX_TENANT_ID_LENGTH}}$`);

/** Formats a violation: the update's index, its Id and the rule. */
export function describeViolation(index: number, update: unknown, rule: string): string {
  const id = typeof update === "object" && update !== null ? (update as { Id?: unknown }).Id : undefined;
  return `Updates[${index}] (Id ${JSON.stringify(id ?? null)}): ${rule}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function checkPattern(field: string, value: unknown, pattern: RegExp, accepted: string): string | undefined {
  if (typeof value !== "string" || !pattern.test(value)) {
    return `${field} must be ${accepted}, received ${show(value)}`;
  }
  return undefined;
}

function checkDuration(field: string, value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_DURATION_SECONDS) {
    return `${field} must be an integer from 1 to ${MAX_DURATION_SECONDS}, received ${show(value)}`;
  }
  return undefined;
}

/** Checks the shape and size of an ErrorObject. */
export function checkErrorObject(field: string, error: unknown, limits: BackendLimits): string | undefined {
  if (typeof error !== "object" || error === null || Array.isArray(error)) {
    return `${field} must be an ErrorObject, received ${show(error)}`;
  }
  const e = error as ErrorObject;
  for (const key of ["ErrorMessage", "ErrorType", "ErrorData"] as const) {
    if (e[key] !== undefined && typeof e[key] !== "string") return `${field}.${key} must be a string`;
  }
  if (e.StackTrace !== undefined && (!Array.isArray(e.StackTrace) || e.StackTrace.some((l) => typeof l !== "string"))) {
    return `${field}.StackTrace must be an array of strings`;
  }
  const bytes = utf8Bytes(JSON.stringify(e));
  if (bytes > limits.maxErrorObjectBytes) {
    return `${field} is ${bytes} bytes as JSON, over the limit of ${limits.maxErrorObjectBytes} bytes`;
  }
  return undefined;
}

/** Checks every field rule of one update; returns the first violated rule. */
export function checkUpdateFields(u: OperationUpdate, limits: BackendLimits): string | undefined {
  if (typeof u !== "object" || u === null) return `update must be an object, received ${show(u)}`;
  const problem =
    checkPattern("Id", u.Id, ID, "1-64 characters of [a-zA-Z0-9-_]") ??
    (OPERATION_TYPES.includes(u.Type as never) ? undefined : `Type must be one of ${OPERATION_TYPES.join(", ")}, received ${show(u.Type)}`) ??
    (OPERATION_ACTIONS.includes(u.Action as never) ? undefined : `Action must be one of ${OPERATION_ACTIONS.join(", ")}, received ${show(u.Action)}`) ??
    (u.ParentId === undefined ? undefined : checkPattern("ParentId", u.ParentId, ID, "1-64 characters of [a-zA-Z0-9-_]")) ??
    (u.Name === undefined ? undefined : checkPattern("Name", u.Name, NAME, "1-256 printable ASCII characters")) ??
    (u.SubType === undefined ? undefined : checkPattern("SubType", u.SubType, SUB_TYPE, "1-32 characters of [a-zA-Z0-9-_]")) ??
    checkPayload(u, limits) ??
    (u.Error === undefined ? undefined : checkErrorObject("Error", u.Error, limits)) ??
    checkOptions(u);
  if (problem) return problem;
  if (u.Action === "SUCCEED" && u.Error !== undefined) return "SUCCEED must not carry an Error";
  if (u.Action === "FAIL" && u.Payload !== undefined) return "FAIL must not carry a Payload";
  return undefined;
}

function checkPayload(u: OperationUpdate, limits: BackendLimits): string | undefined {
  if (u.Payload === undefined) return undefined;
  if (typeof u.Payload !== "string") return `Payload must be a string, received ${show(u.Payload)}`;
  const limit = u.Type === "EXECUTION" ? limits.maxResponseBytes : limits.maxOperationPayloadBytes;
  // A UTF-16 code unit is at most 3 UTF-8 bytes: a short payload needs no byte count.
  if (u.Payload.length * 3 <= limit) return undefined;
  const bytes = utf8Bytes(u.Payload);
  if (bytes > limit) return `Payload is ${bytes} bytes (UTF-8), over the limit of ${limit} bytes`;
  return undefined;
}

function checkOptions(u: OperationUpdate): string | undefined {
  if (u.WaitOptions !== undefined) {
    if (typeof u.WaitOptions !== "object" || u.WaitOptions === null) return "WaitOptions must be an object";
    if (u.WaitOptions.WaitSeconds !== undefined) {
      const p = checkDuration("WaitOptions.WaitSeconds", u.WaitOptions.WaitSeconds);
      if (p) return p;
    }
  }
  if (u.StepOptions !== undefined) {
    if (typeof u.StepOptions !== "object" || u.StepOptions === null) return "StepOptions must be an object";
    if (u.StepOptions.NextAttemptDelaySeconds !== undefined) {
      const p = checkDuration("StepOptions.NextAttemptDelaySeconds", u.StepOptions.NextAttemptDelaySeconds);
      if (p) return p;
    }
  }
  if (u.ContextOptions !== undefined) {
    if (typeof u.ContextOptions !== "object" || u.ContextOptions === null) return "ContextOptions must be an object";
    const r = u.ContextOptions.ReplayChildren;
    if (r !== undefined && typeof r !== "boolean") return `ContextOptions.ReplayChildren must be a boolean, received ${show(r)}`;
  }
  return checkCallbackOptions(u) ?? checkChainedInvokeOptions(u);
}

function checkCallbackOptions(u: OperationUpdate): string | undefined {
  if (u.CallbackOptions === undefined) return undefined;
  if (typeof u.CallbackOptions !== "object" || u.CallbackOptions === null) return "CallbackOptions must be an object";
  for (const key of ["TimeoutSeconds", "HeartbeatTimeoutSeconds"] as const) {
    const value: unknown = u.CallbackOptions[key];
    if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < 0)) {
      return `CallbackOptions.${key} must be an integer >= 0 (0 = no timeout), received ${show(value)}`;
    }
  }
  return undefined;
}

function checkChainedInvokeOptions(u: OperationUpdate): string | undefined {
  const o = u.ChainedInvokeOptions;
  if (o === undefined) return undefined;
  if (typeof o !== "object" || o === null) return "ChainedInvokeOptions must be an object";
  return (
    (o.FunctionName === undefined
      ? undefined
      : checkPattern(
          "ChainedInvokeOptions.FunctionName",
          o.FunctionName,
          FUNCTION_NAME,
          `a function name or ARN of 1-${MAX_FUNCTION_NAME_LENGTH} printable ASCII characters without spaces`,
        )) ??
    (o.TenantId === undefined
      ? undefined
      : checkPattern("ChainedInvokeOptions.TenantId", o.TenantId, TENANT_ID, `1-${MAX_TENANT_ID_LENGTH} printable ASCII characters`)) ??
    (o.XAmznTraceId === undefined || typeof o.XAmznTraceId === "string"
      ? undefined
      : `ChainedInvokeOptions.XAmznTraceId must be a string, received ${show(o.XAmznTraceId)}`)
  );
}

/** Checks a request's ClientToken (1-64 printable ASCII, no spaces). */
export function checkClientToken(token: unknown): string | undefined {
  if (token === undefined) return undefined;
  return checkPattern("ClientToken", token, CLIENT_TOKEN, "1-64 printable ASCII characters");
}

/** Checks an execution name (1-64 of [a-zA-Z0-9-_]). */
export function checkExecutionName(name: unknown): string | undefined {
  return checkPattern("DurableExecutionName", name, ID, "1-64 characters of [a-zA-Z0-9-_]");
}
