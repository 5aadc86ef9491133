/**
 * CheckpointDurableExecution and GetDurableExecutionState (protocol §4, §7): token chain,
 * ClientToken de-duplication, atomic batches, response deltas and paging, injected faults.
 */
import type {
  CheckpointDurableExecutionCommandInput,
  CheckpointDurableExecutionCommandOutput,
  GetDurableExecutionStateCommandInput,
  GetDurableExecutionStateCommandOutput,
  Operation,
} from "@aws-sdk/client-lambda";
import { validateBatch } from "./batch.js";
import { okMetadata, type BackendCore } from "./core.js";
import { invalidParameter, lostResponse } from "./errors.js";
import { faultError } from "./faults.js";
import { pageSize } from "./history.js";
import { CLIENT_TOKEN_TTL_MS, MAX_PAGE_SIZE } from "./limits.js";
import { effectContext } from "./lifecycle.js";
import { copy, copyOrSame } from "./copy.js";
import type { CheckpointCall, ExecutionRecord } from "./model.js";
import { firstPage, nextPage } from "./pagination.js";
import { prune } from "./pruning.js";
import { issueToken, requireCurrentToken } from "./tokens.js";
import { checkClientToken } from "./validation.js";

function findExecution(core: BackendCore, arn: unknown): ExecutionRecord | undefined {
  try {
    return core.store.get(arn);
  } catch {
    return undefined;
  }
}

/**
 * Handles one checkpoint request; every request is logged on its execution. The updates are
 * copied once on the way in (the log, validation and the stored operations all use that copy) and
 * the response once on the way out; the log keeps the response as built, sharing stored objects.
 */
export async function checkpoint(core: BackendCore, input: CheckpointDurableExecutionCommandInput): Promise<CheckpointDurableExecutionCommandOutput> {
  const fault = core.faults.take("checkpoint");
  // A malformed list (not an array) is logged as empty and left to validation to reject.
  const updates: unknown = input?.Updates === undefined || input.Updates === null ? input?.Updates : copyOrSame(input.Updates);
  const call: CheckpointCall = {
    updates: Array.isArray(updates) ? (updates as CheckpointCall["updates"]) : [],
    clientToken: input?.ClientToken,
    checkpointToken: input?.CheckpointToken,
  };
  findExecution(core, input?.DurableExecutionArn)?.checkpointLog.push(call);
  try {
    if (fault !== undefined && fault !== "LostResponse") throw faultError(fault);
    // Listeners hear of the changes once the whole request is applied and its response is ready.
    const response = core.events.batch(() => applyCheckpoint(core, input, updates, call));
    call.response = response;
    if (fault === "LostResponse") throw lostResponse("CheckpointDurableExecution");
    return copy(response);
  } catch (error) {
    call.error = error;
    throw error;
  }
}

function applyCheckpoint(
  core: BackendCore,
  input: CheckpointDurableExecutionCommandInput,
  updates: unknown,
  call: CheckpointCall,
): CheckpointDurableExecutionCommandOutput {
  const exec = core.store.get(input?.DurableExecutionArn);
  const tokenProblem = checkClientToken(input.ClientToken);
  if (tokenProblem) throw invalidParameter(tokenProblem);

  const nowMs = core.clock.nowMs();
  for (const [key, entry] of exec.clientTokens) {
    if (nowMs - entry.atMs > CLIENT_TOKEN_TTL_MS) exec.clientTokens.delete(key);
  }
  // Checked before the token: the repeat carries the token its first attempt consumed.
  const dedupeKey = input.ClientToken === undefined ? undefined : `${input.ClientToken}\u0000${String(input.CheckpointToken)}`;
  const first = dedupeKey === undefined ? undefined : exec.clientTokens.get(dedupeKey);
  if (first) {
    call.replayed = true;
    return first.response;
  }

  requireCurrentToken(exec, input.CheckpointToken);
  const planned = validateBatch(exec, updates, core.limits);

  const ctx = effectContext(core, exec);
  for (const { update, rule } of planned) rule.effect(ctx, update, exec.ops.get(update.Id!));

  const response: CheckpointDurableExecutionCommandOutput = {
    NewExecutionState: takeDelta(exec),
    $metadata: okMetadata(),
  };
  // A terminal execution (EXECUTION SUCCEED/FAIL last in the batch) gets no next token.
  if (exec.status === "RUNNING") response.CheckpointToken = issueToken(exec);
  if (dedupeKey !== undefined) exec.clientTokens.set(dedupeKey, { response, atMs: nowMs });
  return response;
}

/** Operations changed since the previous response to this invocation, in start order, paged by 1000. */
function takeDelta(exec: ExecutionRecord): { Operations: Operation[]; NextMarker?: string } {
  // Backwards from the newest operation until every change is found: changes are mostly recent
  // (new operations, and the ones still running), so a checkpoint of a long run looks at its
  // window of recent operations, not at everything stored.
  const changed: Operation[] = [];
  const order = exec.order;
  for (let i = order.length - 1; i >= 0 && changed.length < exec.delta.size; i--) {
    const id = order[i]!;
    if (exec.delta.has(id)) changed.push(exec.ops.get(id)!);
  }
  changed.reverse();
  exec.delta.clear();
  return firstPage(exec, changed, MAX_PAGE_SIZE);
}

/** Reads the (pruned) state with the current token, one page at a time; consumes nothing. */
export async function getExecutionState(core: BackendCore, input: GetDurableExecutionStateCommandInput): Promise<GetDurableExecutionStateCommandOutput> {
  const fault = core.faults.take("getState");
  if (fault !== undefined && fault !== "LostResponse") throw faultError(fault);
  const exec = core.store.get(input?.DurableExecutionArn);
  requireCurrentToken(exec, input.CheckpointToken);
  const size = pageSize(input.MaxItems);
  const page = input.Marker ? nextPage(exec, input.Marker, size) : firstPage(exec, prune(exec.ops.values()), size);
  if (fault === "LostResponse") throw lostResponse("GetDurableExecutionState");
  const output: GetDurableExecutionStateCommandOutput = { Operations: copy(page.Operations), $metadata: okMetadata() };
  if (page.NextMarker !== undefined) output.NextMarker = page.NextMarker;
  return output;
}
