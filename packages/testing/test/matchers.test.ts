import { beforeAll, describe, expect, it } from "vitest";
import { durableExecution, type DurableContext } from "@durable-ts/sdk";
import { LocalDurableTestRunner, type TestResult } from "@durable-ts/testing";
import { durableMatchers, installDurableMatchers } from "../src/matchers/index.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
type Body = (event: any, ctx: DurableContext) => Promise<unknown>;
const run = (body: Body) => new LocalDurableTestRunner({ handlerFunction: durableExecution(body, { logger: silent }) }).run();

/** The message a failing assertion throws. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the assertion passed");
}

installDurableMatchers(expect);

let succeeded: TestResult;
let failed: TestResult;

beforeAll(async () => {
  succeeded = await run(async (_event, ctx) => {
    const order = await ctx.runInChildContext("order", async (child) => child.step("reserve", async () => ({ sku: "A-1", qty: 2 })));
    await ctx.wait("cool-down", { seconds: 30 });
    return { order, total: 42 };
  });
  failed = await run(async (_event, ctx) => {
    await ctx.step("validate", async () => true);
    return ctx.step(
      "charge",
      async () => {
        throw new TypeError("card declined");
      },
      { retryStrategy: (_e, attempts) => ({ shouldRetry: attempts < 3, delay: { seconds: 1 } }) },
    );
  });
});

describe("toSucceedWith", () => {
  it("passes on a SUCCEEDED execution whose result equals the expected value, asymmetric matchers included", () => {
    expect(succeeded).toSucceedWith({ order: { sku: "A-1", qty: 2 }, total: 42 });
    expect(succeeded).toSucceedWith({ order: expect.objectContaining({ sku: "A-1" }), total: expect.any(Number) });
  });

  it("works after .resolves on the promise run() returns", async () => {
    await expect(run(async () => "done")).resolves.toSucceedWith("done");
  });

  it("says what was expected, the result it got, and lists the operations", () => {
    const message = failureOf(() => expect(succeeded).toSucceedWith({ total: 41 }));
    expect(message).toContain("Expected: the execution to succeed with { total: 41 }");
    expect(message).toContain("Received: it SUCCEEDED with { order: { sku: 'A-1', qty: 2 }, total: 42 }");
    expect(message).toMatch(
      /Operations:\n {2}1\. CONTEXT \(RunInChildContext\) "order" SUCCEEDED\n {4}2\. STEP "reserve" SUCCEEDED, attempts 1\n {2}3\. WAIT "cool-down" SUCCEEDED/,
    );
  });

  it("says how the execution failed when it did not succeed", () => {
    const message = failureOf(() => expect(failed).toSucceedWith(true));
    expect(message).toContain("Expected: the execution to succeed with true");
    expect(message).toMatch(/Received: it FAILED with \w+: card declined/);
    expect(message).toContain('STEP "charge" FAILED, attempts 3 - TypeError: card declined');
  });

  it("explains a failing .not", () => {
    const message = failureOf(() => expect(succeeded).not.toSucceedWith({ order: { sku: "A-1", qty: 2 }, total: 42 }));
    expect(message).toContain("Expected: the execution not to succeed with");
    expect(message).toContain("Received: it SUCCEEDED with");
  });
});

describe("toFailWith", () => {
  it("matches a substring or a RegExp of the message, or errorType / errorMessage fields", () => {
    expect(failed).toFailWith("declined");
    expect(failed).toFailWith(/card \w+/);
    expect(failed).toFailWith({ errorMessage: "card declined" });
    expect(failed).toFailWith({ errorType: /Error$/, errorMessage: /^card/ });
    expect(failed).not.toFailWith("timeout");
    expect(succeeded).not.toFailWith("anything");
  });

  it("says the execution succeeded, with its result, when it did", () => {
    const message = failureOf(() => expect(succeeded).toFailWith("boom"));
    expect(message).toContain('Expected: the execution to fail with an error whose message contains "boom"');
    expect(message).toContain("Received: it SUCCEEDED with { order:");
  });

  it("shows the error it did fail with when that does not match", () => {
    const message = failureOf(() => expect(failed).toFailWith({ errorType: "RangeError" }));
    expect(message).toContain("Expected: the execution to fail with an error with errorType 'RangeError'");
    expect(message).toMatch(/Its error: \w+: card declined/);
    expect(message).toContain('STEP "validate" SUCCEEDED, attempts 1');
  });

  it("rejects an expectation it cannot use", () => {
    expect(() => expect(failed).toFailWith({} as never)).toThrow(/toFailWith: expected a string, a RegExp or \{ errorType\?, errorMessage\? \}/);
  });
});

describe("toHaveOperation", () => {
  it("finds an operation by name, checking status, attempts and type when given", () => {
    expect(failed).toHaveOperation("charge");
    expect(failed).toHaveOperation("charge", { status: "FAILED", attempts: 3, type: "STEP" });
    expect(succeeded).toHaveOperation("cool-down", { type: "wait", status: "succeeded" });
    expect(failed).not.toHaveOperation("charge", { attempts: 1 });
    expect(failed).not.toHaveOperation("refund");
  });

  it("says what it looked for, what operations carry that name, and lists them all", () => {
    const message = failureOf(() => expect(failed).toHaveOperation("charge", { status: "SUCCEEDED", attempts: 1 }));
    expect(message).toContain('Expected: an operation named "charge" with status SUCCEEDED, attempts 1');
    expect(message).toContain('Found: operations named "charge": STEP "charge" FAILED, attempts 3 - TypeError: card declined');
    expect(message).toMatch(/Operations:\n {2}1\. STEP "validate" SUCCEEDED, attempts 1\n {2}2\. STEP "charge" FAILED/);

    const missing = failureOf(() => expect(succeeded).toHaveOperation("refund"));
    expect(missing).toContain('Found: no operation is named "refund"');
  });

  it("explains a failing .not by naming the operation that matched", () => {
    const message = failureOf(() => expect(failed).not.toHaveOperation("charge", { status: "FAILED" }));
    expect(message).toContain('Expected: no operation named "charge" with status FAILED');
    expect(message).toContain('Found: STEP "charge" FAILED, attempts 3');
  });

  it("rejects unknown criteria", () => {
    expect(() => expect(failed).toHaveOperation("charge", { retries: 2 } as never)).toThrow(/unknown criteria \[retries\]/);
  });
});

describe("durableMatchers as a plain object", () => {
  it("works without a framework's equals (jest-style direct use) and rejects what is not a TestResult", () => {
    const outcome = durableMatchers.toSucceedWith.call({ isNot: false }, succeeded, { order: { sku: "A-1", qty: 2 }, total: 42 });
    expect(outcome.pass).toBe(true);
    const miss = durableMatchers.toHaveOperation.call({}, succeeded, "reserve", { attempts: 2 });
    expect(miss.pass).toBe(false);
    expect(miss.message()).toContain('Found: operations named "reserve": STEP "reserve" SUCCEEDED, attempts 1');
    expect(() => durableMatchers.toSucceedWith.call({}, { status: "SUCCEEDED" }, 1)).toThrow(/expected a TestResult/);
  });

  it("installs only on something with extend()", () => {
    expect(() => installDurableMatchers({} as never)).toThrow(/expected the test framework's expect/);
  });
});
