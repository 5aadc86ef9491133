// docs/operations/map.md: make thumbnails for a batch of images with context.map, two at a time,
// tolerating one bad image.
import { durableExecution, retryPresets } from "@durable-ts/sdk";

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface Image {
  key: string;
  width: number;
}

/** Stands in for an image service call. */
async function resize(image: Image): Promise<string> {
  if (image.width < 100) throw new RangeError(`${image.key} is too small (${image.width} px)`);
  return `thumbs/${image.key}`;
}

export const handler = durableExecution(
  async (event: { images: Image[] }, context) => {
    const result = await context.map(
      "make-thumbnails",
      event.images,
      // Each item runs in its own child context: use `item`, not `context`, in here.
      async (item, image) => item.step("resize", async () => resize(image), { retryStrategy: retryPresets.noRetry }),
      {
        maxConcurrency: 2,
        itemNamer: (image) => `thumb-${image.key}`,
        completionConfig: { toleratedFailureCount: 1 },
      },
    );
    return {
      reason: result.completionReason,
      status: result.status,
      thumbnails: result.getResults(),
      failures: result.failed().map((item) => ({ index: item.index, name: item.name, message: item.error.message })),
      items: result.all.map((item) => `${item.index}:${item.status}`),
    };
  },
  { logger: silentLogger },
);
