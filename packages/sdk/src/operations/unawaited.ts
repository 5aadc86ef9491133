// Moved beside the engine (replay/unawaited.ts); kept for the invocation's imports.
export { UnawaitedOperations, unawaitedMessage } from "../replay/unawaited.js";
