/**
 * An SQS batch: records of one actor id run one after another in batch order, different actor ids
 * concurrently. After a record fails, it and every later record of the same actor id are reported
 * in `batchItemFailures` without running, so the queue redelivers them in order.
 */
import type { AnyActor } from "../definition/context.js";
import { messageGroupId } from "../queue/queue.js";
import type { SqsBatchResponse, SqsEvent, SqsRecord } from "../queue/sqs-event.js";
import type { ActorRuntime } from "../runtime/runtime.js";
import { parseQueuedCall } from "./wire.js";

function groupOf(record: SqsRecord): string {
  if (record.attributes?.MessageGroupId !== undefined) return record.attributes.MessageGroupId;
  try {
    return messageGroupId(parseQueuedCall(record.body).actorId);
  } catch {
    return `\u0000${record.messageId}`; // malformed: a group of its own
  }
}

export async function processSqsBatch(runtime: ActorRuntime, actor: AnyActor, event: SqsEvent): Promise<SqsBatchResponse> {
  const groups = new Map<string, SqsRecord[]>();
  for (const record of event.Records) {
    const group = groupOf(record);
    const list = groups.get(group);
    if (list) list.push(record);
    else groups.set(group, [record]);
  }
  const failed = new Set<string>();
  await Promise.all(
    [...groups.values()].map(async (records) => {
      for (const [i, record] of records.entries()) {
        const ok = await runRecord(runtime, actor, record);
        if (!ok) {
          for (const later of records.slice(i)) failed.add(later.messageId);
          return;
        }
      }
    }),
  );
  // Reported in batch order, as the event source mapping expects.
  return { batchItemFailures: event.Records.filter((r) => failed.has(r.messageId)).map((r) => ({ itemIdentifier: r.messageId })) };
}

async function runRecord(runtime: ActorRuntime, actor: AnyActor, record: SqsRecord): Promise<boolean> {
  let call;
  try {
    call = parseQueuedCall(record.body);
    if (call.actor !== actor.name) throw new Error(`message for actor ${JSON.stringify(call.actor)} reached the handler of ${JSON.stringify(actor.name)}`);
  } catch (error) {
    // Retrying cannot fix it; failing it lets the redrive policy move it to the dead-letter queue.
    runtime.logger.error("Malformed actor message", { messageId: record.messageId, error: error instanceof Error ? error.message : String(error) });
    return false;
  }
  const execution = await runtime.execute(actor, { actorId: call.actorId, handler: call.handler, payload: call.payload, callId: call.callId });
  if (!execution.outcome.ok) {
    runtime.logger.warn("Actor call failed", {
      messageId: record.messageId,
      actorId: call.actorId,
      callId: call.callId,
      receiveCount: record.attributes?.ApproximateReceiveCount,
      error: execution.outcome.error,
    });
  }
  return execution.outcome.ok;
}
