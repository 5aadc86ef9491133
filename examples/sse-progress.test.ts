import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFunctionProcess, type RunningFunction } from "./support/function-process.js";

/** Reads an SSE response with a plain HTTP client, noting when each frame arrives. */
function readEvents(url: string): Promise<{ status: number; contentType?: string; frames: { at: number; text: string }[] }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    request(url, (res) => {
      const frames: { at: number; text: string }[] = [];
      let buffered = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffered += chunk;
        const parts = buffered.split("\n\n");
        buffered = parts.pop()!;
        for (const text of parts) frames.push({ at: performance.now() - started, text });
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"], frames }));
    })
      .on("error", reject)
      .end();
  });
}

describe("SSE progress endpoint end to end: its own process behind the local server's Function URL", () => {
  let fn: RunningFunction;
  beforeAll(async () => {
    fn = await runFunctionProcess("examples/sse-progress.ts");
  });
  afterAll(async () => fn?.stop());

  it("streams one frame per step, each arriving as it is written", async () => {
    const { status, contentType, frames } = await readEvents(`${fn.url}?job=thumbs&pauseMs=150`);
    expect(status, fn.output()).toBe(200);
    expect(contentType).toBe("text/event-stream; charset=utf-8");
    expect(frames.map((f) => f.text)).toEqual([
      'event: start\nretry: 3000\ndata: {"job":"thumbs"}',
      'event: progress\nid: 1\ndata: {"job":"thumbs","step":"queued","percent":25}',
      'event: progress\nid: 2\ndata: {"job":"thumbs","step":"resizing","percent":50}',
      'event: progress\nid: 3\ndata: {"job":"thumbs","step":"uploading","percent":75}',
      'event: progress\nid: 4\ndata: {"job":"thumbs","step":"done","percent":100}',
    ]);
    // Four pauses of 150 ms between the first and the last frame: they came one by one.
    const span = frames.at(-1)!.at - frames[0]!.at;
    expect(span, frames.map((f) => Math.round(f.at)).join(", ")).toBeGreaterThanOrEqual(450);
  });
});
