/** The console's HTTP surface on a real local server: API answers, actions, the event stream, and its safety checks. */
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { durableExecution } from "@durable-ts/sdk";
import { replayHistory } from "../src/index.js";
import { startLocalServer, type LocalServer } from "../src/server/index.js";
import { MAX_BODY_BYTES } from "../src/server/http.js";

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} } as never;

const napper = durableExecution(
  async (_event, ctx) => {
    await ctx.step("before", async () => "ready");
    await ctx.wait("nap", { hours: 1 });
    return "rested";
  },
  { logger: quiet },
);

const waiter = durableExecution(async (_event, ctx) => ctx.waitForCallback<string>("approval", async () => undefined), { logger: quiet });

/** A raw HTTP request (fetch cannot set Host or Origin). */
function raw(
  url: string,
  o: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method: o.method ?? "GET", path: o.path, headers: o.headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

async function post(server: LocalServer, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/console/api${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function get(server: LocalServer, path: string): Promise<any> {
  return (await fetch(`${server.url}/console/api${path}`)).json();
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("the console API", () => {
  it("serves the page with a CSP that forbids inline scripts and eval, and the built script", async () => {
    server = await startLocalServer({ port: 0 });
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("content-security-policy")).not.toContain("unsafe-eval");
    expect(await page.text()).toContain('<script type="module" src="/console/app.js">');
    const script = await fetch(`${server.url}/console/app.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect((await script.text()).length).toBeGreaterThan(1000);
  });

  it("starts an execution with a payload and a name, lists it newest first with its invocations, filters by status and function", async () => {
    server = await startLocalServer({ port: 0, skipTime: true, functions: { napper, waiter } });
    expect((await get(server, "/overview")).functions).toEqual(["napper", "waiter"]);
    const first = await post(server, "/functions/napper/executions", { payload: '{"n":1}', name: "nap-1" });
    expect(first.status).toBe(200);
    await until(async () => ((await get(server!, `/executions/${encodeURIComponent(first.body.arn)}`)).status === "SUCCEEDED" ? true : undefined), "nap-1 to end");
    const second = await post(server, "/functions/waiter/executions", { payload: "" });
    await until(async () => ((await get(server!, `/executions/${encodeURIComponent(second.body.arn)}`)).invocations > 0 ? true : undefined), "the waiter to run");

    const all = (await get(server, "/executions")).executions;
    expect(all.map((e: { functionName: string }) => e.functionName)).toEqual(["waiter", "napper"]);
    expect(all[1]).toMatchObject({ name: "nap-1", status: "SUCCEEDED", invocations: 2 });
    expect(all[1].durationMs).toBe(3_600_000);
    expect((await get(server, "/executions?status=RUNNING")).executions.map((e: { functionName: string }) => e.functionName)).toEqual(["waiter"]);
    expect((await get(server, "/executions?function=napper")).executions).toHaveLength(1);

    const detail = await get(server, `/executions/${encodeURIComponent(first.body.arn)}`);
    expect(detail.input).toBe('{"n":1}');
    expect(detail.result).toBe('"rested"');
    expect(detail.invocationEndings.map((e: { reason: string }) => e.reason)).toEqual([expect.stringMatching(/^suspended: wait "nap" until /), "succeeded"]);
    expect(detail.events.find((e: { EventType: string }) => e.EventType === "StepSucceeded").StepSucceededDetails.Result.Payload).toBe('"ready"');
  });

  it("refuses a payload that is not JSON, and an unknown function, with messages saying so", async () => {
    server = await startLocalServer({ port: 0, functions: { waiter } });
    expect(await post(server, "/functions/waiter/executions", { payload: "{nope" })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("payload is not valid JSON") },
    });
    expect(await post(server, "/functions/ghost/executions", {})).toMatchObject({ status: 404, body: { message: "Function not found: ghost" } });
    expect(await post(server, "/functions/waiter/executions", { name: "no spaces" })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("name must be 1-64 characters") },
    });
    expect(await post(server, "/functions/waiter/executions", { payload: JSON.stringify("x".repeat(1_048_576)) })).toMatchObject({
      status: 413,
      body: { message: expect.stringContaining("over the limit of 1048576 bytes") },
    });
  });

  it("answers a callback (success, failure, heartbeat) and validates the result as JSON", async () => {
    server = await startLocalServer({ port: 0, functions: { waiter } });
    const arns = await Promise.all(["a", "b"].map(async (name) => (await post(server!, "/functions/waiter/executions", { name })).body.arn as string));
    const callbackIds = await Promise.all(
      arns.map((arn) =>
        until(
          async () =>
            (await get(server!, `/executions/${encodeURIComponent(arn)}`)).operations.find(
              (op: { Type: string; Status: string }) => op.Type === "CALLBACK" && op.Status === "STARTED",
            )?.CallbackDetails.CallbackId as string | undefined,
          "the callback",
        ),
      ),
    );
    expect(await post(server, `/callbacks/${callbackIds[0]}/heartbeat`, {})).toMatchObject({ status: 200 });
    expect(await post(server, `/callbacks/${callbackIds[0]}/succeed`, { result: "{bad" })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("result is not valid JSON") },
    });
    expect(await post(server, `/callbacks/${callbackIds[0]}/succeed`, { result: '{"ok":true}' })).toMatchObject({ status: 200 });
    expect(await post(server, `/callbacks/${callbackIds[1]}/fail`, { errorType: "Rejected", errorMessage: "no budget" })).toMatchObject({ status: 200 });
    const [done, failed] = await Promise.all(
      arns.map((arn) =>
        until(async () => {
          const d = await get(server!, `/executions/${encodeURIComponent(arn)}`);
          return d.status === "RUNNING" ? undefined : d;
        }, "the end"),
      ),
    );
    // waitForCallback resolves with the text sent; the handler returns it, so the result is that text as JSON.
    expect(done).toMatchObject({ status: "SUCCEEDED", result: JSON.stringify('{"ok":true}') });
    expect(failed.status).toBe("FAILED");
    expect(failed.error.ErrorMessage).toContain("no budget");
  });

  it("stops an execution", async () => {
    server = await startLocalServer({ port: 0, functions: { waiter } });
    const { arn } = (await post(server, "/functions/waiter/executions", {})).body;
    expect((await post(server, `/executions/${encodeURIComponent(arn)}/stop`, {})).status).toBe(200);
    expect((await get(server, `/executions/${encodeURIComponent(arn)}`)).status).toBe("STOPPED");
  });

  it("skips ahead to the next timer when time skipping is off, and refuses when it is on", async () => {
    server = await startLocalServer({ port: 0, functions: { napper } });
    const { arn } = (await post(server, "/functions/napper/executions", {})).body;
    const path = `/executions/${encodeURIComponent(arn)}`;
    const waiting = await until(async () => {
      const d = await get(server!, path);
      return d.nextTimerMs !== undefined ? d : undefined;
    }, "the wait to start");
    expect(waiting.nextTimerMs - Date.now()).toBeGreaterThan(3_500_000);
    expect((await post(server, `${path}/skip-timer`, {})).status).toBe(200);
    await until(async () => ((await get(server!, path)).status === "SUCCEEDED" ? true : undefined), "the execution to end after the skip");
    await server.close();

    server = await startLocalServer({ port: 0, skipTime: true, functions: { waiter } });
    const other = (await post(server, "/functions/waiter/executions", {})).body.arn;
    expect(await post(server, `/executions/${encodeURIComponent(other)}/skip-timer`, {})).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("Time skipping is on") },
    });
  });

  it("downloads the history as a fixture that replayHistory replays", async () => {
    server = await startLocalServer({ port: 0, skipTime: true, functions: { napper } });
    const { arn } = (await post(server, "/functions/napper/executions", { name: "for-fixture" })).body;
    await until(async () => ((await get(server!, `/executions/${encodeURIComponent(arn)}`)).status === "SUCCEEDED" ? true : undefined), "the end");
    const response = await fetch(`${server.url}/console/api/executions/${encodeURIComponent(arn)}/fixture`);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="for-fixture.history.json"');
    const report = await replayHistory(napper, await response.text());
    expect(report).toMatchObject({ ok: true });
    expect(report.replayedOperations).toBeGreaterThanOrEqual(2);
  });

  it("streams changes as server-sent events naming the execution", async () => {
    server = await startLocalServer({ port: 0, functions: { waiter } });
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/console/api/events`, { signal: controller.signal });
    expect(stream.headers.get("content-type")).toBe("text/event-stream");
    const reader = stream.body!.getReader();
    const { arn } = (await post(server, "/functions/waiter/executions", {})).body;
    let text = "";
    while (!text.includes("event: change")) text += new TextDecoder().decode((await reader.read()).value);
    const data = JSON.parse(/data: (.*)\n/.exec(text.slice(text.indexOf("event: change")))![1]!);
    expect(data.arns).toContain(arn);
    controller.abort();
  });

  it("refuses requests for other host names (DNS rebinding), cross-origin actions, non-JSON actions and oversized bodies", async () => {
    server = await startLocalServer({ port: 0, functions: { waiter } });
    const port = new URL(server.url).port;
    expect((await raw(server.url, { path: "/console/api/executions", headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await raw(server.url, { path: "/console/api/events", headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await raw(server.url, { path: "/console/api/executions", headers: { host: `localhost:${port}` } })).status).toBe(200);
    const crossSite = await raw(server.url, {
      method: "POST",
      path: "/console/api/functions/waiter/executions",
      headers: { host: `127.0.0.1:${port}`, origin: "http://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(crossSite.status).toBe(403);
    const form = await raw(server.url, {
      method: "POST",
      path: "/console/api/functions/waiter/executions",
      headers: { host: `127.0.0.1:${port}`, "content-type": "text/plain" },
      body: "{}",
    });
    expect(form.status).toBe(415);
    const huge = await fetch(`${server.url}/console/api/functions/waiter/executions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ payload: JSON.stringify("x".repeat(MAX_BODY_BYTES)) }),
    });
    expect(huge.status).toBe(413);
    expect((await get(server, "/executions")).executions).toHaveLength(0);
  });
});
