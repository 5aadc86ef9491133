/**
 * The HTTP surface of the in-memory service: the durable execution, callback and Invoke routes
 * with client-lambda's wire shapes, and a Lambda Runtime API per external function.
 * Notes: docs/local-server.md.
 */
export type { LocalServer, LocalServerOptions } from "./local-server.js";
export { startLocalServer } from "./start-on-demand.js";
export { type LocalFunction } from "./local-service.js";
export { createInProcessLambdaClient } from "./in-process-client.js";
