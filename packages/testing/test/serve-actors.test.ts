/**
 * `durable-ts serve --actor`: the real `@aws-sdk/client-lambda` invokes the example counter actor,
 * served in this process with its state in the embedded store.
 */
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { fileURLToPath } from "node:url";
import { actorClient } from "@durable-ts/actors";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { counter } from "../../../examples/actors/counter.js";
import { leaderboard } from "../../../examples/actors/leaderboard.js";
import { main, type CliIO } from "../src/cli/index.js";
import { localClient } from "./server-support.js";

const EXAMPLES = fileURLToPath(new URL("../../../examples/actors/", import.meta.url));
let stop!: () => void;
let exited: Promise<number>;
let url: string;

beforeAll(async () => {
  let printed!: (text: string) => void;
  const listening = new Promise<string>((resolve) => (printed = resolve));
  const io: CliIO = {
    out: (text) => printed(text),
    err: () => undefined,
    env: {},
    cwd: EXAMPLES,
    untilStopped: () => new Promise<void>((resolve) => (stop = resolve)),
  };
  exited = main(["serve", "--actor", "counter=counter.ts", "--actor", "leaderboard=leaderboard.ts", "--port", "0"], io);
  const banner = await Promise.race([listening, exited.then((code) => `exited ${code}`)]);
  url = /listening on (http:\/\/\S+)/.exec(banner)?.[1] ?? "";
  expect(url, banner).not.toBe("");
});
afterAll(async () => {
  stop?.();
  expect(await exited).toBe(0);
});

async function invoke(payload: unknown, type: "RequestResponse" | "Event" = "RequestResponse") {
  const out = await localClient(url).send(new InvokeCommand({ FunctionName: "counter", InvocationType: type, Payload: JSON.stringify(payload) }));
  return {
    status: out.StatusCode,
    error: out.FunctionError,
    body: out.Payload && out.Payload.byteLength > 0 ? JSON.parse(new TextDecoder().decode(out.Payload)) : undefined,
  };
}

async function resultOf(actorId: string, callId: string): Promise<unknown> {
  for (let i = 0; i < 200; i++) {
    const { body } = await invoke({ actorId, resultOf: callId });
    if ((body as { status: string }).status !== "unknown") return body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`call ${callId} never completed`);
}

describe("durable-ts serve --actor", () => {
  it("runs a sync call ({ sync: true }) and returns the handler's result", async () => {
    expect(await invoke({ actorId: "c1", handler: "increment", payload: 2, sync: true })).toEqual({ status: 200, error: undefined, body: 2 });
    expect((await invoke({ actorId: "c1", handler: "get", sync: true })).body).toBe(2);
  });

  it("queues an async call and delivers it in process; its result is readable by call id", async () => {
    const { body } = await invoke({ actorId: "c2", handler: "increment", payload: 5 });
    expect(body).toEqual({ queued: true, callId: expect.any(String) });
    expect(await resultOf("c2", (body as { callId: string }).callId)).toEqual({ status: "succeeded", value: 5 });
  });

  it("accepts an Event invoke (202) and applies it", async () => {
    expect((await invoke({ actorId: "c3", handler: "increment", payload: 1, sync: true, callId: "event-1" }, "Event")).status).toBe(202);
    expect(await resultOf("c3", "event-1")).toEqual({ status: "succeeded", value: 1 });
  });

  it("reports a bad request as a function error naming the fault, and an unknown function as ResourceNotFoundException", async () => {
    const bad = await invoke({ actorId: "", handler: "increment", sync: true });
    expect(bad.error).toBe("Unhandled");
    expect(bad.body).toMatchObject({ errorType: "ActorInputError", errorMessage: expect.stringContaining("actorId: expected a string of 1 to 1024 characters") });
    await expect(localClient(url).send(new InvokeCommand({ FunctionName: "nope", Payload: "{}" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("is reachable through the typed actor client over Lambda: call, send, result, and errors with their data", async () => {
    const client = actorClient(counter, { lambda: localClient(url), functionName: "counter" });
    const n = await client.call("typed", "increment", 4);
    expectTypeOf(n).toEqualTypeOf<number>();
    expect(n).toBe(4);
    const callId = await client.send("typed", "increment", 1, { callId: "typed-send-1" });
    expect(callId).toBe("typed-send-1");
    let outcome = await client.result("typed", callId);
    for (let i = 0; i < 200 && outcome.status === "unknown"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      outcome = await client.result("typed", callId);
    }
    expect(outcome).toEqual({ status: "succeeded", value: 5 });
    await expect(client.call("x".repeat(1025), "increment", 1)).rejects.toMatchObject({ code: "ACTOR_INVALID_ID" });
    const board = actorClient(leaderboard, { lambda: localClient(url), functionName: "leaderboard" });
    await expect(board.call("global", "submit", { player: "", score: 1 })).rejects.toMatchObject({
      name: "InvalidScore",
      code: "ACTOR_HANDLER_FAILED",
      data: { received: { player: "", score: 1 } },
    });
  });

  it("refuses --actor together with --function", async () => {
    const io: CliIO = { out: () => undefined, err: () => undefined, env: {}, cwd: EXAMPLES, untilStopped: () => new Promise(() => undefined) };
    expect(await main(["serve", "--actor", "counter=counter.ts", "--function", "f=x.ts"], io)).toBe(2);
    expect(await main(["serve", "--actor", "=counter.ts"], io)).toBe(2);
  });
});
