// A plain streaming handler for `durable-ts serve --url`: three server-sent events, 100 ms apart.
import { sseHandler } from "@durable-ts/sdk/lambda";

export const handler = sseHandler(async (event: { rawPath: string }, _context, write) => {
  for (let i = 1; i <= 3; i++) {
    if (i > 1) await new Promise((resolve) => setTimeout(resolve, 100));
    await write({ event: "tick", id: String(i), data: { i, path: event.rawPath } });
  }
});
