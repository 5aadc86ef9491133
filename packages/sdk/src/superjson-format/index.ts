/**
 * superjson's JSON + meta format, read and written by our own code so the SDK does not ship
 * superjson: `serialize` writes what superjson 2 writes, `deserialize` reads what any superjson
 * 1.x/2.x wrote. See docs/concepts.md, "Serialization".
 */
export { ClassRegistry, type RegisteredClass } from "./class-registry.js";
export { deserialize } from "./decode.js";
export { serialize } from "./encode.js";
export { SuperjsonFormatError } from "./format-error.js";
export { isReadableTypedArray, isTypedArray } from "./rules.js";
export type { SuperjsonResult } from "./types.js";
