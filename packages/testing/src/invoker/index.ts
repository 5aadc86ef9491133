/**
 * The part of the local Lambda service that invokes functions: the scheduler (invocations, their
 * retries, chained invokes' targets, time skipping), the function registry, Lambda's function
 * timeout and the Lambda context. It drives the service emulator (`../backend/`), which never
 * imports it.
 */
export { InvocationScheduler, schedulerFor } from "./scheduler.js";
export { functionNameOf, type LambdaHandler } from "./function-registry.js";
export { timedOutMessage } from "./invocation-timeout.js";
export { localLambdaContext } from "./lambda-context.js";
