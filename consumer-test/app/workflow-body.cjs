// The workflow every consumer check runs: one of each operation kind (step with retry, wait,
// child context, map, parallel, the promise combinators, createCallback, waitForCallback,
// waitForCondition, chained invoke). Plain CommonJS with no imports, so ESM, CJS, TypeScript,
// jest, vitest and node:test load the same code.
async function workflowBody(event, ctx) {
  const stepped = await ctx.step(
    "flaky",
    async (stepCtx) => {
      if (stepCtx.attempt < 2) throw new Error("first attempt fails");
      return event.n + 1;
    },
    { retryStrategy: (error, attemptsMade) => ({ shouldRetry: attemptsMade < 3, delay: { seconds: 1 } }) },
  );
  await ctx.wait("pause", { hours: 1 });
  const child = await ctx.runInChildContext("child", async (c) => c.step("inner", async () => "child-done"));
  const mapped = await ctx.map("double", [1, 2, 3, 4, 5], async (c, item) => c.step(async () => item * 2), { maxConcurrency: 2 });
  const branches = await ctx.parallel("branches", [async (c) => c.step(async () => "a"), async (c) => c.step(async () => "b")]);
  const all = await ctx.promise.all("both", [ctx.step("x", async () => 1), ctx.step("y", async () => 2)]);
  const [callbackPromise, callbackId] = await ctx.createCallback("approval");
  await ctx.step("announce", async () => typeof callbackId);
  const approval = await callbackPromise;
  const answered = await ctx.waitForCallback("external", async () => {});
  const polled = await ctx.waitForCondition("poll", async (state) => state + 1, {
    initialState: 0,
    waitStrategy: (state) => (state >= 3 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 5 } }),
  });
  const invoked = await ctx.invoke("call", "helper", { v: 2 });
  return { stepped, child, mapped: mapped.getResults(), branches: branches.getResults(), all, approval, answered, polled, invoked };
}

async function helper(event) {
  return event.v * 10;
}

const expectedResult = {
  stepped: 4,
  child: "child-done",
  mapped: [2, 4, 6, 8, 10],
  branches: ["a", "b"],
  all: [1, 2],
  approval: "yes",
  answered: "later",
  polled: 3,
  invoked: 20,
};

/** Builds a runner for the workflow with its callbacks answered and the helper function registered. */
function makeRunner(sdk, testing) {
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const runner = new testing.LocalDurableTestRunner({ handlerFunction: sdk.durableExecution(workflowBody, { logger: quiet }) });
  runner.onCallback("approval", { success: "yes" });
  runner.onCallback("external", { success: "later", after: { seconds: 30 } });
  runner.registerFunction("helper", helper);
  return runner;
}

/** Runs the workflow and throws unless it succeeded with the expected result. */
async function runAndCheck(sdk, testing, label) {
  const result = await makeRunner(sdk, testing).run({ payload: { n: 3 } });
  const got = JSON.stringify(result.getResult());
  if (result.getStatus() !== "SUCCEEDED" || got !== JSON.stringify(expectedResult)) {
    throw new Error(`${label}: ended ${result.getStatus()} with ${got} ${JSON.stringify(result.getError())}`);
  }
  return result;
}

module.exports = { workflowBody, helper, expectedResult, makeRunner, runAndCheck };
