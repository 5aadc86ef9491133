// Moved beside the engine (replay/unawaited.ts); kept for the invocation's imports.
export { UnawaitedOperations, unawaitedMessage, type UnawaitedOperation } from "../replay/unawaited.js";
