/**
 * Checkpoint tokens (protocol §7). Each execution holds at most one valid token: beginning an
 * invocation issues a fresh one (superseding any other), each applied checkpoint consumes it and
 * issues the next, and ending the invocation or the execution revokes it.
 */
import { randomBytes } from "node:crypto";
import { invalidToken } from "./errors.js";
import type { ExecutionRecord } from "./model.js";

/** Issues the execution's next token (opaque, base64) and makes it the only valid one. */
export function issueToken(exec: ExecutionRecord): string {
  exec.tokenSeq += 1;
  const raw = `${exec.id}:${exec.tokenSeq}:${randomBytes(12).toString("hex")}`;
  exec.token = Buffer.from(raw, "utf8").toString("base64");
  return exec.token;
}

/** Makes every token of the execution invalid. */
export function revokeToken(exec: ExecutionRecord): void {
  exec.token = undefined;
}

/**
 * Throws InvalidParameterValueException "Invalid checkpoint token…" unless `token` is the
 * execution's current token of a running execution with an open invocation.
 */
export function requireCurrentToken(exec: ExecutionRecord, token: unknown): void {
  if (typeof token !== "string" || token.length === 0) throw invalidToken("CheckpointToken is required");
  if (exec.status !== "RUNNING") throw invalidToken(`the execution is ${exec.status}`);
  if (exec.token === undefined || exec.open === undefined) throw invalidToken("no invocation of this execution is running");
  if (token !== exec.token) throw invalidToken("the token was consumed or superseded");
}

/**
 * A new CallbackId: URL-safe base64 of random bytes followed by the execution's and operation's
 * Ids (so the id itself says where it belongs); at most ~170 characters, well under the 1024 limit.
 */
export function newCallbackId(exec: ExecutionRecord, opId: string): string {
  return Buffer.concat([randomBytes(24), Buffer.from(`${exec.id}/${opId}`, "utf8")]).toString("base64url");
}
