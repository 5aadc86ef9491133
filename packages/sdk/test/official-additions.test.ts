// Exports added so code written for the official SDK runs unchanged: each does what the official one does.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildPreview,
  createFileSystemSerdes,
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
  FieldMatchMode,
  FileSystemPathEncoding,
  FileSystemSerdesMode,
  isDurableExecutionClientError,
  PreviewMode,
  SDK_VERSION,
  withRetry,
} from "@durable-ts/sdk";
import { durable, runnerFor, withClient } from "./support.js";

const context = {
  entityId: "c4ca4238a0b92382",
  operationId: "c4ca4238a0b92382",
  durableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST/durable-execution/order-42/9b1e77c0",
};

describe("withRetry", () => {
  it("re-runs a block of durable code after a durable backoff wait until it succeeds, inside one named child context", async () => {
    const attempts: number[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) =>
        withRetry(
          ctx,
          "flaky",
          async (c, attempt) => {
            attempts.push(attempt);
            const value = await c.step(`try-${attempt}`, async () => attempt);
            if (value < 3) throw new Error(`attempt ${attempt} failed`);
            return value;
          },
          { retryStrategy: (_error, count) => ({ shouldRetry: count < 5, delay: { seconds: 10 } }) },
        ),
      ),
    ).run();
    expect(result.getResult()).toBe(3);
    expect(result.getOperation("flaky").getType()).toBe("CONTEXT");
    expect(result.getOperation("flaky-backoff-1").getWaitDetails().waitSeconds).toBe(10);
    expect(result.getOperation("flaky-backoff-2").getType()).toBe("WAIT");
    // Attempts re-run on replay after each wait; every attempt number appears in order.
    expect([...new Set(attempts)]).toEqual([1, 2, 3]);
  });

  it("rethrows the last error unchanged without wrapping, and as ChildContextError (cause kept) when wrapped", async () => {
    const failing = async () => {
      throw new RangeError("always");
    };
    const body = (wrap: boolean) =>
      durable(async (_e, ctx) => {
        try {
          await withRetry(ctx, failing, { retryStrategy: (_e2, n) => ({ shouldRetry: n < 2 }), wrapWithRunInChildContext: wrap });
        } catch (error) {
          const e = error as Error;
          return `${e.name}:${e.message}:${(e.cause as Error | undefined)?.name ?? "-"}`;
        }
      });
    expect((await runnerFor(body(false)).run()).getResult()).toBe("RangeError:always:-");
    expect((await runnerFor(body(true)).run()).getResult()).toBe("ChildContextError:always:RangeError");
  });
});

describe("createFileSystemSerdes and buildPreview", () => {
  const dirs: string[] = [];
  const base = async () => {
    const dir = await mkdtemp(join(tmpdir(), "fs-serdes-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("ALWAYS writes the value to a file under a readable path and checkpoints a pointer with the preview; it reads back", async () => {
    const dir = await base();
    const serdes = createFileSystemSerdes(dir, {
      generatePreview: (value) => buildPreview(value, { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "id" }], mask: [{ name: "email" }] }),
    });
    const order = { id: "o-1", user: { email: "a@b.c", name: "Ann" }, lines: [1, 2] };
    const payload = (await serdes.serialize(order, context))!;
    const envelope = JSON.parse(payload);
    expect(envelope).toEqual({ file: join("orders", "order-42", "9b1e77c0", "c4ca4238a0b92382.json"), preview: { id: "o-1", user: { email: "***" } } });
    expect(JSON.parse(await readFile(join(dir, envelope.file), "utf8"))).toEqual(order);
    expect(await serdes.deserialize(payload, context)).toEqual(order);
    expect(await serdes.serialize(undefined, context)).toBeUndefined();
  });

  it("OVERFLOW keeps small values inline and moves large ones to files; HASH names are SHA-256 hex", async () => {
    const dir = await base();
    const serdes = createFileSystemSerdes(dir, { storageMode: FileSystemSerdesMode.OVERFLOW, pathEncoding: FileSystemPathEncoding.HASH });
    const small = (await serdes.serialize({ a: 1 }, context))!;
    expect(JSON.parse(small)).toEqual({ data: '{"a":1}' });
    const big = "x".repeat(300_000);
    const large = (await serdes.serialize(big, context))!;
    expect(JSON.parse(large).file).toMatch(/^[0-9a-f]{64}\/[0-9a-f]{64}$/);
    expect(await serdes.deserialize(large, context)).toBe(big);
    expect(await readdir(dir)).toHaveLength(1);
  });

  it("buildPreview: exclude wins over mask, PATH matches only the exact path, arrays merge, and the size cap holds", () => {
    const value = { email: "root@x", user: { email: "u@x", id: 7, secret: "s" }, items: [{ sku: "a" }, { sku: "b", qty: 2 }] };
    expect(
      buildPreview(value, { mode: PreviewMode.INCLUDE_ALL, exclude: [{ name: "secret" }, { name: "email", match: FieldMatchMode.PATH }], mask: [{ name: "secret" }] }),
    ).toEqual({
      user: { email: "u@x", id: 7 },
      items: { sku: "b", qty: 2 },
    });
    expect(buildPreview(value, { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "user.id", match: FieldMatchMode.PATH }] })).toEqual({ user: { id: 7 } });
    const capped = buildPreview({ a: "x".repeat(50), b: "y".repeat(50) }, { mode: PreviewMode.INCLUDE_ALL, maxPreviewBytes: 70 });
    expect(capped).toEqual({ a: "x".repeat(50) });
    expect(buildPreview("text", { mode: PreviewMode.INCLUDE_ALL })).toBeUndefined();
  });
});

describe("DurableExecutionClientError", () => {
  it("takes the official (message, { scope, cause }) form, defaults to INVOCATION, and is recognized structurally", () => {
    const cause = new Error("http 403");
    const error = new DurableExecutionClientError("rejected", { scope: DurableExecutionClientErrorScope.EXECUTION, cause });
    expect([error.message, error.scope, error.cause]).toEqual(["rejected", "EXECUTION", cause]);
    expect(new DurableExecutionClientError("flaky").scope).toBe("INVOCATION");
    expect(isDurableExecutionClientError(error)).toBe(true);
    expect(isDurableExecutionClientError({ isDurableExecutionClientError: true, scope: "SOMETIMES" })).toBe(false);
    expect(Object.keys(error)).not.toContain("isDurableExecutionClientError");
  });

  it("an EXECUTION-scoped error thrown by a custom transport fails the execution instead of retrying the invocation", async () => {
    let calls = 0;
    const handler = withClient(
      durable(async (_e, ctx) => ctx.step("s", async () => 1)),
      (client) => ({
        checkpoint: async (params) => {
          calls += 1;
          if (calls === 1) throw new DurableExecutionClientError("checkpoint rejected for good", { scope: "EXECUTION" });
          return client.checkpoint(params);
        },
        getExecutionState: (params) => client.getExecutionState(params),
      }),
    );
    const result = await runnerFor(handler).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorMessage).toContain("checkpoint rejected for good");
    expect(result.getInvocations()).toHaveLength(1);
  });
});

it("SDK_VERSION is the package version", () => {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  expect(SDK_VERSION).toBe(manifest.version);
});
