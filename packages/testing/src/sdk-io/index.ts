/**
 * Where the testing kit meets the SDK: the invocation event it hands a handler, with the transport
 * the handler checkpoints through and reports warnings to, and the decoding of what the SDK wrote
 * (payloads, errors). Runners, offline replay, matchers and the cloud runner share it.
 */
export { DurableExecutionInvocationInputWithClient, type EventClient, type TestWarning } from "./event-with-client.js";
export { decodePayload, toTestResultError, type TestResultError } from "./decode.js";
export { hang } from "./hang.js";
