import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GetDurableExecutionCommand, GetDurableExecutionStateCommand } from "@aws-sdk/client-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import { InMemoryBackend } from "@durable-ts/testing";
import { expectReplayMatches, fetchHistory, loadHistory, replayHistory, ReplayMismatchError, type HistoryFixture } from "../src/history/index.js";
import { packingWorkflow, suspendAtWait } from "./fixtures/packing.js";
import { bodyRuns, orderRunner, orderWorkflow, runWithHistory, START } from "./fixtures/workflows.js";

const fixturePath = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The order workflow run once (v1), its history saved as a JSON file. */
async function savedOrderHistory(): Promise<{ fixture: HistoryFixture; path: string }> {
  const result = await runWithHistory(orderRunner(orderWorkflow("v1")), { payload: { orderId: 42 } });
  const fixture = result.getHistory();
  const path = join(mkdtempSync(join(tmpdir(), "durable-history-")), "order.json");
  writeFileSync(path, JSON.stringify(fixture, null, 2));
  return { fixture, path };
}

beforeEach(() => {
  bodyRuns.count = 0;
});

describe("replayHistory against the code that recorded the history", () => {
  it("replays a fixture exported from a run and saved as JSON: ok, every completed operation replayed, no step body run", async () => {
    const { path } = await savedOrderHistory();
    bodyRuns.count = 0;
    await expect(replayHistory(orderWorkflow("v1"), path)).resolves.toEqual({ ok: true, replayedOperations: 5, reachedFrontier: false });
    expect(bodyRuns.count).toBe(0);
  });

  it("order-v1.history.json (committed fixture) still matches", () => expectReplayMatches(orderWorkflow("v1"), fixturePath("order-v1.history.json")));

  it("does not re-enter a completed context, so changing code inside one is not a divergence", async () => {
    const { fixture } = await savedOrderHistory();
    await expect(replayHistory(orderWorkflow("v3-renamed-box"), fixture)).resolves.toMatchObject({ ok: true });
  });
});

describe("replayHistory against changed code", () => {
  it("reports a new operation before the wait at position 2, with the SDK's message, history and code signatures", async () => {
    await expect(replayHistory(orderWorkflow("v2-notify-first"), fixturePath("order-v1.history.json"))).resolves.toEqual({
      ok: false,
      replayedOperations: 1,
      reachedFrontier: false,
      divergence: {
        position: "2",
        message: 'Non-deterministic replay at 2 (id c81e728d9d4c2f63): history has WAIT/Wait "cool-down", code called STEP/Step "notify"',
        expected: { type: "WAIT", subType: "Wait", name: "cool-down" },
        actual: { type: "STEP", subType: "Step", name: "notify" },
      },
    });
  });

  it("reports code that ends while the history still holds an operation (no actual signature)", async () => {
    const report = await replayHistory(orderWorkflow("v5-no-ship"), fixturePath("order-v1.history.json"));
    expect(report).toEqual({
      ok: false,
      replayedOperations: 4,
      reachedFrontier: false,
      divergence: {
        position: "5",
        message: 'Non-deterministic replay at 5 (id e4da3b7fbbce2345): history has CHAINED_INVOKE/ChainedInvoke "ship", code ended the context',
        expected: { type: "CHAINED_INVOKE", subType: "ChainedInvoke", name: "ship" },
      },
    });
  });

  it('reports a different result of a finished history at position "result"', async () => {
    const report = await replayHistory(orderWorkflow("v4-new-result"), fixturePath("order-v1.history.json"));
    expect(report).toMatchObject({ ok: false, replayedOperations: 5, reachedFrontier: false, divergence: { position: "result" } });
    expect(report.divergence?.message).toBe(
      'The replay returned a different result: history {"charged":42,"attempt":2,"box":"box-42","approved":"yes","tracking":"T-42"}, ' +
        'replay {"charged":42,"attempt":2,"box":"box-42","approved":"yes","tracking":"T-42","currency":"EUR"}',
    );
  });

  it("reports code that goes on past the end of a finished history, at the new operation's position", async () => {
    await expect(replayHistory(orderWorkflow("v6-audit"), fixturePath("order-v1.history.json"))).resolves.toEqual({
      ok: false,
      replayedOperations: 5,
      reachedFrontier: true,
      divergence: {
        position: "6",
        message: 'Replay went past the end of the history at 6: the execution SUCCEEDED there, but the code called STEP/Step "audit"',
        actual: { type: "STEP", subType: "Step", name: "audit" },
      },
    });
    expect(bodyRuns.count).toBe(0);
  });

  it("expectReplayMatches rejects with a ReplayMismatchError naming the fixture, position and difference", async () => {
    const path = fixturePath("order-v1.history.json");
    const failure = await expectReplayMatches(orderWorkflow("v2-notify-first"), path).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ReplayMismatchError);
    expect((failure as ReplayMismatchError).message).toBe(
      `Replay of ${path} diverged at 2: Non-deterministic replay at 2 (id c81e728d9d4c2f63): history has WAIT/Wait "cool-down", code called STEP/Step "notify"`,
    );
    expect((failure as ReplayMismatchError).report.ok).toBe(false);
  });
});

describe("replayHistory of a running execution", () => {
  /** A fixture read with GetDurableExecutionState pages while the execution waits inside context "pack". */
  async function stateFixture(): Promise<HistoryFixture> {
    const backend = new InMemoryBackend({ startTime: START });
    const { executionArn, checkpointToken } = await suspendAtWait(backend, packingWorkflow("box"), { orderId: 7 });
    const client = {
      send: async (command: unknown) =>
        command instanceof GetDurableExecutionStateCommand
          ? backend.getDurableExecutionState(command.input)
          : backend.getDurableExecution({ DurableExecutionArn: (command as GetDurableExecutionCommand).input.DurableExecutionArn! }),
    };
    return fetchHistory(client, executionArn, { checkpointToken, pageSize: 2 });
  }

  it("replays a fixture built from state pages up to its frontier (the wait still running)", async () => {
    const fixture = await stateFixture();
    bodyRuns.count = 0;
    await expect(replayHistory(packingWorkflow("box"), fixture)).resolves.toEqual({ ok: true, replayedOperations: 2, reachedFrontier: true });
    expect(bodyRuns.count).toBe(0);
  });

  it("names the enclosing context of a divergence inside it", async () => {
    const fixture = await stateFixture();
    const report = await replayHistory(packingWorkflow("crate"), fixture);
    expect(report).toEqual({
      ok: false,
      replayedOperations: 1,
      reachedFrontier: false,
      divergence: {
        position: "2-1",
        parentName: "pack",
        message: 'Non-deterministic replay at 2-1 (id 8fbdbf5573b18fae, parent c81e728d9d4c2f63): history has STEP/Step "box", code called STEP/Step "crate"',
        expected: { type: "STEP", subType: "Step", name: "box" },
        actual: { type: "STEP", subType: "Step", name: "crate" },
      },
    });
  });

  it("stops at a step due for another attempt without running its body", async () => {
    const full = loadHistory(fixturePath("order-v1.history.json"));
    type Op = (typeof full.operations)[number];
    const [execution, charge] = full.operations as [Op, Op]; // the fixture's execution and its first step
    const retrying: HistoryFixture = {
      formatVersion: 1,
      input: full.input,
      operations: [
        { ...execution, Status: "STARTED", EndTimestamp: undefined },
        { ...charge, Status: "READY", EndTimestamp: undefined, StepDetails: { Attempt: 1, Error: { ErrorType: "Error", ErrorMessage: "card declined" } } },
      ],
    };
    await expect(replayHistory(orderWorkflow("v1"), retrying)).resolves.toEqual({ ok: true, replayedOperations: 0, reachedFrontier: true });
    expect(bodyRuns.count).toBe(0);
  });
});

describe("replayHistory never throws", () => {
  it('reports an unreadable fixture at position "fixture"', async () => {
    const report = await replayHistory(orderWorkflow("v1"), fixturePath("missing.json"));
    expect(report).toMatchObject({ ok: false, replayedOperations: 0, reachedFrontier: false, divergence: { position: "fixture" } });
    expect(report.divergence?.message).toMatch(/cannot be read/);
  });

  it('reports a handler that throws at position "result"', async () => {
    const throwing: DurableLambdaHandler = async () => {
      throw new TypeError("boom");
    };
    await expect(replayHistory(throwing, fixturePath("order-v1.history.json"))).resolves.toEqual({
      ok: false,
      replayedOperations: 0,
      reachedFrontier: false,
      divergence: { position: "result", message: "The replayed invocation threw: TypeError: boom" },
    });
  });
});
