/**
 * Enum values tests written for the official testing kit import from it
 * (`ExecutionStatus.SUCCEEDED`, `InvocationType.Event`, `OperationType.STEP`, …). The strings are the
 * service's; the operation enums are the SDK's own objects.
 */
export { ExecutionStatus, OperationStatus, OperationType } from "@durable-ts/sdk";

/** How an invoke runs (client-lambda's `InvocationType` values). */
export const InvocationType = {
  DryRun: "DryRun",
  Event: "Event",
  RequestResponse: "RequestResponse",
} as const;
export type InvocationType = (typeof InvocationType)[keyof typeof InvocationType];
