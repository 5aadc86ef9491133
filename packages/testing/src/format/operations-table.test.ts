import type { Operation } from "@aws-sdk/client-lambda";
import { durableExecution } from "@durable-ts/sdk";
import { describe, expect, it, vi } from "vitest";
import { LocalDurableTestRunner } from "../runners/index.js";
import { MAX_TABLE_WIDTH, operationsTable } from "./operations-table.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

function op(id: string, name: string | undefined, o: Partial<Operation> = {}): Operation {
  return { Id: id, Name: name, Type: "STEP", SubType: "Step", Status: "SUCCEEDED", StartTimestamp: at(0), EndTimestamp: at(1), ...o };
}

describe("operationsTable", () => {
  it("shows the parent by indentation and cuts ids to 8 characters", () => {
    const out = operationsTable([
      op("aaaaaaaaaaaaaaaa", "approval", { Type: "CONTEXT", SubType: "WaitForCallback" }),
      op("bbbbbbbbbbbbbbbb", "submit", { ParentId: "aaaaaaaaaaaaaaaa", StepDetails: { Attempt: 2 } }),
      op("cccccccccccccccc", "after"),
    ]);
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^id\s+name\s+type\s+status\s+att\s+duration$/);
    expect(lines[2]).toMatch(/^aaaaaaaa {2}approval\s+WaitForCallback\s+SUCCEEDED\s+1s$/);
    expect(lines[3]).toMatch(/^bbbbbbbb {4}submit\s+Step\s+SUCCEEDED\s+2\s+1s$/);
    expect(lines[4]).toMatch(/^cccccccc {2}after\s/);
    expect(out).not.toContain("undefined");
  });

  it("never grows wider than 100 columns, whatever the names and nesting", () => {
    const deep: Operation[] = [];
    for (let i = 0; i < 12; i++)
      deep.push(
        op(`id-${i}-padding-padding`, `a-very-long-operation-name-number-${i}-that-goes-on-and-on`, {
          ParentId: i > 0 ? `id-${i - 1}-padding-padding` : undefined,
          SubType: "SomeVeryLongSubTypeName",
        }),
      );
    for (const line of operationsTable(deep).split("\n")) expect(line.length).toBeLessThanOrEqual(MAX_TABLE_WIDTH);
  });

  it("summarises a long map with a count and lists only its failed items", () => {
    const items = Array.from({ length: 40 }, (_, i) =>
      op(`item${String(i).padStart(12, "0")}`, `item-${i}`, {
        ParentId: "map0000000000000",
        Type: "CONTEXT",
        SubType: "MapIteration",
        Status: i % 13 === 5 ? "FAILED" : "SUCCEEDED",
      }),
    );
    const out = operationsTable([op("map0000000000000", "prices", { Type: "CONTEXT", SubType: "Map" }), ...items]);
    const lines = out.split("\n");
    expect(lines).toHaveLength(2 + 1 + 3 + 1);
    expect(out).toMatch(/item-5\s+MapIteration\s+FAILED/);
    expect(out).toMatch(/item-18\s+MapIteration\s+FAILED/);
    expect(out).toContain("(40 items: 37 SUCCEEDED, 3 FAILED)");
  });
});

describe("TestResult.print()", () => {
  it("prints the operations table and the outcome, not console.table", async () => {
    const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} } as never;
    const result = await new LocalDurableTestRunner({
      handlerFunction: durableExecution(async (_e, ctx) => ctx.runInChildContext("outer", (c) => c.step("inner", async () => 7)), { logger: quiet }),
    }).run();
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const table = vi.spyOn(console, "table");
    try {
      result.print();
      expect(table).not.toHaveBeenCalled();
      expect(log).toHaveBeenCalledTimes(1);
      const printed = String(log.mock.calls[0]![0]);
      expect(printed).toBe(`${operationsTable(result.getOperations().map((op) => op.getOperationData()))}\n\nStatus: SUCCEEDED\nResult: 7`);
      expect(printed).toMatch(/^\w{8} {4}inner\s+Step\s+SUCCEEDED/m);
      expect(printed).not.toContain("undefined");
    } finally {
      log.mockRestore();
      table.mockRestore();
    }
  });
});
