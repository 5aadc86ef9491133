import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { main, type CliIO } from "../src/cli/index.js";
import { CLI_MAIN, FIXTURES, REPO_ROOT, RUNTIME_MODULE, TSX, childEnv, stopProcess } from "./server-support.js";

describe("durable-ts serve --url", () => {
  it("serves a plain handler file in its own process behind a Function URL, streaming its answer", async () => {
    const serve = spawn(process.execPath, [...TSX, CLI_MAIN, "serve", "--port", "0", "--url", `ticker=${FIXTURES}sse-ticker.ts`], {
      cwd: REPO_ROOT,
      env: childEnv({ DURABLE_TS_RUNTIME_MODULE: RUNTIME_MODULE }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    serve.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    serve.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    try {
      const deadline = Date.now() + 30_000;
      while (!/Function URL (http:\/\/\S+)\)/.test(out) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      const url = /Function URL (http:\/\/\S+)\)/.exec(out)?.[1];
      expect(url, out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/function-url\/ticker\/$/);
      expect(out).toContain(`function ticker: ${FIXTURES}sse-ticker.ts (own process, Function URL ${url})`);

      const started = performance.now();
      const response = await fetch(`${url}updates`);
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const arrivals: { at: number; text: string }[] = [];
      let buffered = "";
      const reader = response.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffered += Buffer.from(read.value).toString("utf8");
        const parts = buffered.split("\n\n");
        buffered = parts.pop()!;
        for (const text of parts) arrivals.push({ at: performance.now() - started, text });
      }
      expect(arrivals.map((a) => a.text)).toEqual([1, 2, 3].map((i) => `event: tick\nid: ${i}\ndata: {"i":${i},"path":"/updates"}`));
      // Two pauses of 100 ms between the first frame and the last: they came one by one.
      expect(arrivals[2]!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(150);
    } finally {
      await stopProcess(serve);
    }
  });

  it("names a malformed --url and refuses it next to --actor", async () => {
    let err = "";
    const io: CliIO = { out: () => undefined, err: (t) => (err += t), env: {}, cwd: FIXTURES, untilStopped: () => new Promise(() => undefined) };
    expect(await main(["serve", "--url", "api"], io)).toBe(2);
    expect(err).toContain('--url expects <name>=<file>[#export], received "api"');
    err = "";
    expect(await main(["serve", "--url", "api=a.ts", "--actor", "c=c.ts"], io)).toBe(2);
    expect(err).toContain("Function URLs (--url)");
    err = "";
    expect(await main(["serve", "--url", "api=a.ts", "--function", "api=b.ts"], io)).toBe(2);
    expect(err).toContain("Function api is given twice");
  });
});
