/** Text renderings of an execution: the operations table and why each invocation ended. */
export { operationsTable } from "./operations-table.js";
export { invocationEndings, type InvocationEnding } from "./invocation-endings.js";
