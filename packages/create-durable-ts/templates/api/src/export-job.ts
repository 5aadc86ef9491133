import { createRetryStrategy, durableExecution } from "@durable-ts/sdk";

export interface ExportRequest {
  /** What to export. */
  dataset: string;
  /** How many chunks to write (1-100): one checkpointed step each. */
  chunks: number;
}

export interface ExportResult {
  dataset: string;
  files: string[];
  manifest: string;
}

/** Storage calls fail now and then: retry them, with backoff, before failing the job. */
const storageRetry = createRetryStrategy({ maxAttempts: 3, initialDelay: { seconds: 2 }, backoffRate: 2 });

/**
 * The durable workflow the API starts: exports a dataset chunk by chunk, waits for the files to
 * settle, then writes a manifest. Each chunk is a step, so an interrupted export resumes after the
 * last chunk written, and the API's event stream reports each one as it completes.
 */
export const handler = durableExecution(async (event: ExportRequest, context): Promise<ExportResult> => {
  const files: string[] = [];
  for (let i = 1; i <= event.chunks; i++) {
    files.push(await context.step(`chunk-${i}`, async () => storage.writeChunk(event.dataset, i), { retryStrategy: storageRetry }));
  }
  // The object store lists new files eventually: give it a moment without running (or billing).
  await context.wait("settle", { seconds: 5 });
  const manifest = await context.step("manifest", async () => storage.writeManifest(event.dataset, files), { retryStrategy: storageRetry });
  return { dataset: event.dataset, files, manifest };
});

/** A stand-in object store. Replace it with your own client; the tests make it fail to show the retries. */
export const storage = {
  failuresLeft: 0,
  async writeChunk(dataset: string, index: number): Promise<string> {
    if (storage.failuresLeft > 0) {
      storage.failuresLeft--;
      throw new Error("storage unavailable");
    }
    return `exports/${dataset}/part-${String(index).padStart(4, "0")}.jsonl`;
  },
  async writeManifest(dataset: string, files: string[]): Promise<string> {
    return `exports/${dataset}/manifest.json (${files.length} files)`;
  },
};
