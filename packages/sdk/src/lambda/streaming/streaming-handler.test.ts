import { PassThrough, type Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { STREAMING_HANDLER } from "../../runtime/streaming-response.js";
import { sseHandler } from "./sse.js";
import { streamingHandler } from "./streaming-handler.js";

afterEach(() => {
  delete (globalThis as { awslambda?: unknown }).awslambda;
});

describe("streamingHandler on the managed Node.js runtime", () => {
  // The managed runtime's `awslambda` global cannot run outside Lambda: this stand-in records what
  // the handler asks of it, with the documented signatures (streamifyResponse, HttpResponseStream.from).
  it("goes through awslambda.streamifyResponse and HttpResponseStream.from with the status and headers", async () => {
    const calls: string[] = [];
    let streamified: ((event: unknown, stream: Writable, context: unknown) => Promise<void>) | undefined;
    (globalThis as { awslambda?: unknown }).awslambda = {
      streamifyResponse: (fn: typeof streamified) => ((streamified = fn), fn),
      HttpResponseStream: {
        from: (stream: Writable, metadata: unknown) => {
          calls.push(`from ${JSON.stringify(metadata)}`);
          return stream;
        },
      },
    };
    const handler = sseHandler(async (_event, _context, write) => write("hi"), { statusCode: 200 });
    expect(streamified).toBe(handler);
    expect((handler as { [STREAMING_HANDLER]?: unknown })[STREAMING_HANDLER]).toBeUndefined();
    const sink = new PassThrough();
    const chunks: string[] = [];
    sink.on("data", (c: Buffer) => chunks.push(c.toString()));
    await streamified!({}, sink, {});
    expect(calls).toEqual([`from {"statusCode":200,"headers":{"content-type":"text/event-stream; charset=utf-8","cache-control":"no-cache"},"cookies":[]}`]);
    expect(chunks.join("")).toBe("data: hi\n\n");
    expect(sink.writableEnded).toBe(true);
  });

  it("declares itself to our runtime loop when there is no managed runtime", () => {
    const handler = streamingHandler(async () => undefined);
    expect((handler as { [STREAMING_HANDLER]?: { contentType: string } })[STREAMING_HANDLER]?.contentType).toBe("application/vnd.awslambda.http-integration-response");
  });

  it("rejects a bad status with a TypeError naming it", () => {
    expect(() => streamingHandler(async () => undefined, { statusCode: 42 })).toThrow(/statusCode: expected an HTTP status from 100 to 599, received 42/);
  });
});
