/**
 * A Server-Sent Events endpoint for a Function URL (`InvokeMode=RESPONSE_STREAM`): reports the
 * progress of a job step by step; each `write` reaches the browser as it happens.
 */
import { sseHandler } from "@durable-ts/sdk/lambda";

const STEPS = ["queued", "resizing", "uploading", "done"];

export const handler = sseHandler(async (event: { queryStringParameters?: { job?: string; pauseMs?: string } }, _context, write) => {
  const job = event.queryStringParameters?.job ?? "job-1";
  const pause = Number(event.queryStringParameters?.pauseMs ?? 100);
  await write({ retry: 3000, event: "start", data: { job } });
  for (const [i, step] of STEPS.entries()) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    await write({ event: "progress", id: String(i + 1), data: { job, step, percent: Math.round(((i + 1) / STEPS.length) * 100) } });
  }
});
