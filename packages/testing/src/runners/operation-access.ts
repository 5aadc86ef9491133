import type { ErrorObject, Operation } from "@aws-sdk/client-lambda";

/**
 * What an operation handle needs from whoever runs the execution: the operations as they are
 * now, change notifications, and the callback API. The local runner implements it over the
 * in-memory backend; a test result over a frozen snapshot.
 */
export interface OperationAccess {
  /** The current execution's operations, EXECUTION excluded, in start order. */
  operations(): Operation[];
  /** Calls `listener` after any change to an operation or the execution; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /** True when there is no execution, or it has ended. */
  executionEnded(): boolean;
  /** How the execution ended (`"TIMED_OUT: <message>"`), for messages about it; absent when unknown. */
  endReason?(): Promise<string | undefined>;
  /** Marks a callback the test will answer itself: its timeouts are not skipped meanwhile. */
  watch(operationId: string): void;
  sendCallbackSuccess(callbackId: string, result?: string): Promise<void>;
  sendCallbackFailure(callbackId: string, error?: ErrorObject): Promise<void>;
  sendCallbackHeartbeat(callbackId: string): Promise<void>;
}

/** Access to a finished execution: a fixed list of operations (read when first asked for), nothing changes any more. */
export function snapshotAccess(operations: () => Operation[], live?: OperationAccess): OperationAccess {
  const ended = () => Promise.reject(new Error("The execution has ended: its callbacks are closed"));
  return {
    operations,
    onChange: () => () => undefined,
    executionEnded: () => true,
    watch: () => undefined,
    sendCallbackSuccess: live ? (id, r) => live.sendCallbackSuccess(id, r) : ended,
    sendCallbackFailure: live ? (id, e) => live.sendCallbackFailure(id, e) : ended,
    sendCallbackHeartbeat: live ? (id) => live.sendCallbackHeartbeat(id) : ended,
  };
}
