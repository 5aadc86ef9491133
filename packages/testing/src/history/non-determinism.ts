/**
 * Reads a recorded NonDeterministicExecutionError back into its fields. Our SDK keeps them in the
 * ErrorData envelope (`{"durableError":1,"props":{"json":{position,…}}}`); for an error recorded
 * without them (another SDK), the position is taken from the message's "… at <position>".
 */
import type { ErrorObject } from "@aws-sdk/client-lambda";
import type { OperationSignature } from "@durable-ts/sdk";

export const NON_DETERMINISTIC_ERROR_TYPE = "NonDeterministicExecutionError";

/** The fields of a non-determinism failure. */
export interface NonDeterminismDetails {
  /** Raw positional id, e.g. "2-1-3". */
  position: string;
  operationId?: string;
  parentId?: string;
  expected?: OperationSignature;
  actual?: OperationSignature;
  message: string;
}

/** The details of `error` when it records a non-determinism failure, else undefined. */
export function nonDeterminismOf(error: ErrorObject | undefined): NonDeterminismDetails | undefined {
  if (error?.ErrorType !== NON_DETERMINISTIC_ERROR_TYPE) return undefined;
  const message = error.ErrorMessage ?? "";
  const props = envelopeProps(error.ErrorData);
  const position = typeof props?.position === "string" ? props.position : /\bat ([\w-]+)/.exec(message)?.[1];
  const details: NonDeterminismDetails = { position: position ?? "unknown", message };
  if (typeof props?.operationId === "string") details.operationId = props.operationId;
  if (typeof props?.parentId === "string") details.parentId = props.parentId;
  const expected = signature(props?.expected);
  const actual = signature(props?.actual);
  if (expected) details.expected = expected;
  if (actual) details.actual = actual;
  return details;
}

function envelopeProps(data: string | undefined): Record<string, unknown> | undefined {
  if (data === undefined || !data.startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(data) as { durableError?: unknown; props?: { json?: unknown } };
    const json = parsed.durableError === 1 ? parsed.props?.json : parsed;
    return typeof json === "object" && json !== null ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The signature of an operation or update: its type, subtype and name. */
export function signatureOf(op: { Type?: string; SubType?: string; Name?: string }): OperationSignature {
  const signature: OperationSignature = { type: op.Type ?? "UNKNOWN" };
  if (op.SubType !== undefined) signature.subType = op.SubType;
  if (op.Name !== undefined) signature.name = op.Name;
  return signature;
}

/** A signature as recorded in an error's data (`{type, subType?, name?}`), if it is one. */
function signature(value: unknown): OperationSignature | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { type, subType, name } = value as Record<string, unknown>;
  if (typeof type !== "string") return undefined;
  return signatureOf({ Type: type, SubType: typeof subType === "string" ? subType : undefined, Name: typeof name === "string" ? name : undefined });
}

/** `STEP/Step "charge"`, the way the SDK's message names an operation. */
export function describeSignature(s: OperationSignature): string {
  const kind = s.subType !== undefined ? `${s.type}/${s.subType}` : s.type;
  return s.name !== undefined ? `${kind} ${JSON.stringify(s.name)}` : kind;
}
