import type { Operation } from "@aws-sdk/client-lambda";
import { classifyClientError } from "./classify-error.js";
import type { DurableExecutionClient } from "./durable-execution-client.js";

/** Largest page the service serves. */
export const STATE_PAGE_SIZE = 1000;

/**
 * Reads every remaining page of the execution state, starting at `marker` (from the first page
 * when `marker` is undefined). Failures come back classified (see {@link classifyClientError}).
 */
export async function fetchAllStatePages(
  client: DurableExecutionClient,
  executionArn: string,
  checkpointToken: string,
  marker: string | undefined,
): Promise<{ operations: Operation[]; pages: number }> {
  const operations: Operation[] = [];
  let pages = 0;
  let next: string | undefined = marker;
  do {
    let page;
    try {
      page = await client.getExecutionState({
        DurableExecutionArn: executionArn,
        CheckpointToken: checkpointToken,
        Marker: next,
        MaxItems: STATE_PAGE_SIZE,
      });
    } catch (error) {
      throw classifyClientError(error, "GetDurableExecutionState");
    }
    pages += 1;
    operations.push(...(page.Operations ?? []));
    next = page.NextMarker || undefined;
  } while (next);
  return { operations, pages };
}
