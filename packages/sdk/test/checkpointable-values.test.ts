import { describe, expect, it } from "vitest";
import { registerSerdesClass } from "@durable-ts/sdk";
import { durable, runnerFor } from "./support.js";

class Unregistered {
  constructor(public cents = 0) {}
}

class Money {
  constructor(public cents = 0) {}
  add(other: Money): Money {
    return new Money(this.cents + other.cents);
  }
}
registerSerdesClass(Money, "Money");

describe("values that cannot survive a checkpoint", () => {
  it.each([
    ["a function", async () => ({ order: { id: 1, notify: () => "sent" } }), "$.order.notify is a function (notify)"],
    ["a symbol", async () => ({ tags: ["a", Symbol("b")] }), "$.tags[1] is a symbol (Symbol(b))"],
    ["an unregistered class instance", async () => ({ total: new Unregistered(5) }), "$.total is an instance of Unregistered, which is not registered"],
    ["a function inside a Map", async () => new Map([["k", () => 1]]), '$.get("k") is a function'],
  ])("%s fails the execution with a non-retryable SerdesError naming the operation and the path", async (_label, body, message) => {
    let calls = 0;
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        await ctx.step("build", async () => {
          calls += 1;
          return body();
        });
        return "unreachable";
      }),
    ).run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({ errorType: "SerdesError" });
    expect(result.getError().errorMessage).toContain('operation "build"');
    expect(result.getError().errorMessage).toContain(message);
    expect(result.getError().cause).toMatchObject({ retryable: false, operation: "build", direction: "serialize" });
    expect(calls).toBe(1);
  });

  it("a registered class instance comes back as its class, live and on replay", async () => {
    const seen: boolean[] = [];
    const result = await runnerFor(
      durable(async (_e, ctx) => {
        const money = await ctx.step("price", async () => new Money(250));
        seen.push(money instanceof Money);
        await ctx.wait({ seconds: 1 });
        return money.add(new Money(50)).cents;
      }),
    ).run();
    expect(result.getResult()).toBe(300);
    expect(seen).toEqual([true, true]);
  });
});
