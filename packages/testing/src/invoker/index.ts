/**
 * The part of the local Lambda service that invokes functions: the scheduler (invocations, their
 * retries, chained invokes' targets, time skipping), the function registry, Lambda's function
 * timeout and the Lambda context. It drives the service emulator (`../backend/`), which never
 * imports it.
 */
export { InvocationScheduler, schedulerFor, INVOCATION_RETRY_DELAY_MS, MAX_CONSECUTIVE_INVOCATION_FAILURES } from "./scheduler.js";
export type { SchedulerOptions } from "./scheduler.js";
export { FunctionRegistry, functionNameOf, type LambdaHandler, type RegisteredFunction } from "./function-registry.js";
export { InvocationTimeoutError, timedOutMessage, withInvocationTimeout } from "./invocation-timeout.js";
export { localLambdaContext, type LocalLambdaContext } from "./lambda-context.js";
