/**
 * The `sqs` kind: one handler call per record, in batch order; records whose call failed are
 * answered as `batchItemFailures` (enable `ReportBatchItemFailures` on the event source mapping).
 * FIFO order: once a record of a `MessageGroupId` fails, the later records of that group in the
 * batch are not run and fail too, so SQS redelivers them in order; other groups go on.
 */
import type { LambdaContext } from "../types.js";
import { applyMiddleware } from "../types.js";
import type { SqsBatchResponse, SqsEvent, SqsRecord } from "./events.js";
import { checkRules } from "./shaping.js";
import { runShaped, type CompiledRoute, type Route, type RouteCall } from "./route-spec.js";

/** An `sqs` route; the event view of `inputs`/`returns`/`catches` is one record. */
export interface SqsRouteSpec<I, R> extends RouteCall<SqsRecord, I, R> {
  /** Only batches from this queue (name or ARN). Default: any queue. */
  queue?: string;
  /** Called for each record whose call failed (default: one JSON line on stderr). */
  onRecordError?: (error: unknown, record: SqsRecord) => void;
}

function queueMatches(queue: string, arn: string): boolean {
  return queue.startsWith("arn:") ? arn === queue : arn.endsWith(`:${queue}`);
}

function logRecordError(error: unknown, record: SqsRecord): void {
  const detail = error instanceof Error ? { errorType: error.name, errorMessage: error.message } : { errorMessage: String(error) };
  process.stderr.write(`${JSON.stringify({ level: "ERROR", message: "sqs.record.failed", messageId: record.messageId, ...detail })}\n`);
}

/** Runs a batch record by record; the partial batch answer. */
export async function processBatch<I, R>(spec: SqsRouteSpec<I, R>, event: SqsEvent, context: LambdaContext): Promise<SqsBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  const failedGroups = new Set<string>();
  const onError = spec.onRecordError ?? logRecordError;
  for (const record of event.Records) {
    const group = record.attributes?.MessageGroupId;
    if (group !== undefined && failedGroups.has(group)) {
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      await runShaped(spec, record, context);
    } catch (error) {
      onError(error, record);
      failures.push({ itemIdentifier: record.messageId });
      if (group !== undefined) failedGroups.add(group);
    }
  }
  return { batchItemFailures: failures };
}

/**
 * An `sqs` route. The handler runs once per record (the record, or what `inputs` makes of it);
 * an error not handled by `catches` marks that record failed. `returns` bodies are ignored: the
 * answer is always the batch's `{ batchItemFailures }`.
 * @example
 * sqs({ queue: "orders", inputs: (record) => JSON.parse(record.body) as Order, handler: async (order) => ship(order) })
 */
export function sqs<I = SqsRecord, R = unknown>(spec: SqsRouteSpec<I, R>): Route {
  return {
    kind: "sqs",
    compile(index: number): CompiledRoute {
      const where = `routes[${index}]`;
      if (typeof spec?.handler !== "function") throw new TypeError(`${where}.handler: expected a function`);
      if (spec.queue !== undefined && (typeof spec.queue !== "string" || spec.queue === ""))
        throw new TypeError(`${where}.queue: expected a queue name or ARN, received ${JSON.stringify(spec.queue)}`);
      checkRules(where, spec.returns, spec.catches);
      const queue = spec.queue;
      return {
        kind: "sqs",
        key: `sqs ${queue === undefined ? "*" : queue.startsWith("arn:") ? queue.split(":").pop() : queue}`,
        label: `${where} (sqs ${queue ?? "any queue"})`,
        claim: (event: SqsEvent) => (queue === undefined ? [0] : event.Records.every((r) => queueMatches(queue, r.eventSourceARN)) ? [1] : undefined),
        handle: applyMiddleware((event: SqsEvent, context: LambdaContext) => processBatch(spec, event, context), spec.middleware),
      };
    },
  };
}
