import { PayloadTooLargeError } from "../errors/index.js";
import { deserializeValue, serializeValue, utf8ByteLength, type Serdes, type SerdesContext } from "../serdes/index.js";
import type { ClaimedOperation, InvocationServices } from "./host.js";

/** Human label naming an operation in error messages: `step "charge" (id c4ca4238a0b92382, position 1)`. */
export function describeOperation(kind: string, operation: ClaimedOperation): string {
  const name = operation.name === undefined ? "" : ` "${operation.name}"`;
  return `${kind}${name} (id ${operation.id}, position ${operation.rawId})`;
}

export function serdesContext(services: InvocationServices, operation: ClaimedOperation): SerdesContext {
  return {
    entityId: operation.id,
    durableExecutionArn: services.executionArn,
    operationId: operation.id,
    operationName: operation.name,
  };
}

/** Throws a terminal `PayloadTooLargeError` when `payload` is over `limitBytes`. */
export function assertPayloadFits(payload: string | undefined, limitBytes: number, operation: string): void {
  if (payload === undefined) return;
  const sizeBytes = utf8ByteLength(payload);
  if (sizeBytes > limitBytes) throw new PayloadTooLargeError({ operation, sizeBytes, limitBytes });
}

/**
 * Serializes a value for a checkpoint and returns both the payload and the value user code gets:
 * `deserialize(serialize(v))`, so the first run sees exactly what a replay will see.
 */
export async function roundTrip<T>(
  serdes: Serdes<T>,
  value: T,
  context: SerdesContext,
): Promise<{ payload: string | undefined; value: T }> {
  const payload = await serializeValue(serdes, value, context);
  return { payload, value: (await deserializeValue(serdes, payload, context)) as T };
}

