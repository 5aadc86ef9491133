/**
 * The official SDK's names for the wire model. The shapes are `@aws-sdk/client-lambda`'s (type-only
 * imports: nothing is loaded at run time); the `Wire*` forms allow the ISO-string timestamps an
 * invocation event delivers before they are read as dates.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- WaitDetails is in scope for the {@link WaitDetails} in TSDoc below
import type { Operation, StepDetails, WaitDetails } from "@aws-sdk/client-lambda";

export type {
  CallbackDetails,
  CallbackOptions,
  ChainedInvokeDetails,
  ChainedInvokeOptions,
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  CheckpointUpdatedExecutionState,
  ContextDetails,
  ContextOptions,
  ExecutionDetails,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  StepDetails,
  StepOptions,
  WaitDetails,
  WaitOptions,
} from "@aws-sdk/client-lambda";

/** A timestamp as transports deliver it: a `Date` (API client), an ISO string or epoch ms (event JSON). */
export type WireTimestamp = Date | string | number;

/** {@link StepDetails} before timestamp normalization. */
export interface WireStepDetails extends Omit<StepDetails, "NextAttemptTimestamp"> {
  NextAttemptTimestamp?: WireTimestamp | undefined;
}

/** {@link WaitDetails} before timestamp normalization. */
export interface WireWaitDetails {
  ScheduledEndTimestamp?: WireTimestamp | undefined;
}

/** {@link Operation} as carried by the invocation event and API responses, before timestamp normalization. */
export interface WireOperation extends Omit<Operation, "StartTimestamp" | "EndTimestamp" | "StepDetails" | "WaitDetails"> {
  StartTimestamp?: WireTimestamp | undefined;
  EndTimestamp?: WireTimestamp | undefined;
  StepDetails?: WireStepDetails | undefined;
  WaitDetails?: WireWaitDetails | undefined;
}
