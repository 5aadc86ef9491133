/**
 * The size of an actor's item as DynamoDB counts it (UTF-8 bytes of attribute names and string
 * values, up to 21 bytes per number), so a too-large state fails before the write with a typed
 * error rather than as a ValidationException from the service.
 */

/** DynamoDB's item limit: 400 KB. */
export const DYNAMODB_MAX_ITEM_BYTES = 400 * 1024;

/** The string attributes of an actor item (names and values) plus its number attributes' names. */
export function itemBytes(strings: Record<string, string>, numberNames: string[]): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(strings)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  for (const name of numberNames) bytes += Buffer.byteLength(name) + 21;
  return bytes;
}
