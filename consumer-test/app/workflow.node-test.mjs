import { test } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "@durable-ts/sdk";
import * as testing from "@durable-ts/testing";
import { expectedResult, runAndCheck } from "./workflow-body.cjs";

test("the workflow succeeds under node:test", async () => {
  const result = await runAndCheck(sdk, testing, "node:test");
  assert.deepEqual(result.getResult(), expectedResult);
});

test("the workflow succeeds with node:test's mock timers enabled", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout", "setInterval", "setImmediate", "Date"] });
  const result = await runAndCheck(sdk, testing, "node:test mock timers");
  assert.deepEqual(result.getResult(), expectedResult);
});
