/**
 * The HTTP surface of the in-memory service: the durable execution, callback and Invoke routes
 * with client-lambda's wire shapes, and a Lambda Runtime API per external function.
 * Notes: docs/local-server.md.
 */
export { startLocalServer, type LocalServer, type LocalServerOptions } from "./local-server.js";
export { type LocalFunction } from "./local-service.js";
export { createInProcessLambdaClient } from "./in-process-client.js";
