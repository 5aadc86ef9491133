// The contract between operations and the invocation lives with the engine (replay/host.ts).
export type * from "../replay/host.js";
