/** Where a value being (de)serialized belongs. */
export interface SerdesContext {
  /** Id of the entity the value belongs to (the operation id). */
  entityId: string;
  /** ARN of the durable execution. */
  durableExecutionArn: string;
  /** Wire Id of the operation. */
  operationId: string;
  /** User name of the operation, when it has one. */
  operationName?: string;
}

/**
 * Turns values into checkpoint payloads and back.
 *
 * Law: `deserialize(await serialize(v))` equals `v` for every value the
 * serdes accepts. The SDK relies on it: the first run returns
 * `deserialize(serialize(v))`, so live values equal replayed ones.
 *
 * Both methods are async so a serdes may offload large values to external
 * storage. To make a transient failure retry the invocation, throw a
 * `SerdesError` with `retryable: true`; any other failure fails the execution.
 */
export interface Serdes<T> {
  /** The payload for `value`; `undefined` means no payload. */
  serialize(value: T | undefined, context: SerdesContext): Promise<string | undefined>;
  /** The value of a payload; an absent payload is usually `undefined`. */
  deserialize(data: string | undefined, context: SerdesContext): Promise<T | undefined>;
}

/** A serdes that only reads, e.g. for callback results sent from outside. */
export type Deserializer<T> = Omit<Serdes<T>, "serialize">;
