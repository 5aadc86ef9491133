/** Serdes: how values become checkpoint payloads and back (api.md §4). */
export type { Deserializer, Serdes, SerdesContext } from "./serdes.js";
export { decodeDefaultPayloadSync, defaultSerdes, registerSerdesClass } from "./default-serdes.js";
export { createClassSerdes, createClassSerdesWithDates, jsonSerdes, passThroughSerdes } from "./json-serdes.js";
export { deserializeValue, serializeValue, utf8ByteLength } from "./safe-serdes.js";
