import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";

/** The event Lambda sends a durable function (protocol §1). */
export interface DurableExecutionInvocationInput {
  DurableExecutionArn: string;
  CheckpointToken: string;
  InitialExecutionState: { Operations?: Operation[]; NextMarker?: string };
  /** Ids changed while the execution was suspended (informational). */
  UpdatedOperationIds?: string[];
}

/** Status a durable handler answers with. */
export enum InvocationStatus {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  PENDING = "PENDING",
}

/** What a durable handler returns to Lambda. */
export type DurableExecutionInvocationOutput =
  { Status: InvocationStatus.SUCCEEDED; Result?: string } | { Status: InvocationStatus.FAILED; Error: ErrorObject } | { Status: InvocationStatus.PENDING };
