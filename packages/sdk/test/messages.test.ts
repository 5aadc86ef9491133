import { describe, expect, it } from "vitest";
import { durable, runnerFor } from "./support.js";

/** Runs a handler and returns its error (type, message). */
async function failure(handler: Parameters<typeof durable>[0]) {
  const result = await runnerFor(durable(handler)).run();
  expect(result.getStatus()).toBe("FAILED");
  return result.getError();
}

describe("messages for misused arguments name what was received and what is expected", () => {
  it('ctx.wait("5s") says the string was read as the name and the duration is missing', async () => {
    const error = await failure(async (_e, ctx) => ctx.wait("5s" as never));
    expect(error.errorType).toBe("ConfigError");
    expect(error.errorMessage).toBe(
      'wait received only the string "5s", which is read as the operation\'s name, so the duration is missing; expected a Duration object, e.g. wait({ seconds: 5 }) or wait("5s", { seconds: 5 }) (days, hours, minutes and/or seconds)',
    );
    expect(error.errorMessage).not.toContain('"undefined"');
  });

  it('ctx.map("abc", fn) names the items argument, what it received and how the name was read', async () => {
    const error = await failure(async (_e, ctx) => ctx.map("abc" as never, (async () => 1) as never));
    expect(error.errorType).toBe("ConfigError");
    expect(error.errorMessage).toBe(
      'map items must be an array, received a function (the first argument "abc" was read as the map\'s name: call map(name, items, …) or map(items, …))',
    );
  });

  it("ctx.map(items) without a function and ctx.parallel with a non-array say what they received", async () => {
    expect((await failure(async (_e, ctx) => ctx.map([1, 2], undefined as never))).errorMessage).toBe("map function must be a function, received undefined");
    expect((await failure(async (_e, ctx) => ctx.parallel("fan", { a: async () => 1 } as never))).errorMessage).toBe(
      'parallel branches must be an array, received an object (the first argument "fan" was read as the parallel\'s name: call parallel(name, branches, …) or parallel(branches, …))',
    );
  });

  it("a named wait with a duration still works", async () => {
    const result = await runnerFor(durable(async (_e, ctx) => ctx.wait("5s", { seconds: 5 }).then(() => "waited"))).run();
    expect(result.getResult()).toBe("waited");
  });
});
