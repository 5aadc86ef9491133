/**
 * `@durable-ts/sdk/saga`: sagas on durable steps. Steps register compensations; on a failure the
 * compensations of the completed steps run in reverse order, each a durable step with its own
 * retries. Notes: docs/sagas.md.
 */
export { saga, type Compensation, type SagaConfig, type SagaStepConfig, type SagaTransaction } from "./saga.js";
export { isSagaError, SagaError, SagaErrorCode, type FailedCompensation, type SagaErrorFields } from "./saga-error.js";
