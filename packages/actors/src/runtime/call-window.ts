/** The bounded window of recent calls stored with the state. */
import type { CallRecord } from "../store/store.js";

/** Default number of recent call ids kept per actor. */
export const DEFAULT_CALL_WINDOW = 128;

/** `calls` with `record` appended, keeping the newest `size`. */
export function appendCall(calls: CallRecord[], record: CallRecord, size: number): CallRecord[] {
  const next = [...calls.filter((c) => c.callId !== record.callId), record];
  return next.length > size ? next.slice(next.length - size) : next;
}

/** The recorded call of `callId`, if still in the window. */
export function findCall(calls: CallRecord[], callId: string): CallRecord | undefined {
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i];
    if (call?.callId === callId) return call;
  }
  return undefined;
}
