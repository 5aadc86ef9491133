/**
 * The HTTP surface of the in-memory service: the durable execution, callback and Invoke routes
 * with client-lambda's wire shapes, and a Lambda Runtime API per external function.
 * Notes: docs/local-server.md.
 */
export { startLocalServer, createRouter, type LocalServer, type LocalServerOptions } from "./local-server.js";
export { LocalService, type LocalFunction, type LocalServiceOptions } from "./local-service.js";
export { FunctionError } from "./function-runtime.js";
export { createInProcessLambdaClient, inProcessRequestHandler } from "./in-process-client.js";
export type { ServiceRequest, ServiceResponse } from "./http.js";
