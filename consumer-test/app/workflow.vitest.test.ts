import { afterEach, expect, test, vi } from "vitest";
import * as sdk from "@durable-ts/sdk";
import * as testing from "@durable-ts/testing";
import { expectedResult, runAndCheck } from "./workflow-body.cjs";

afterEach(() => vi.useRealTimers());

test("the workflow succeeds under vitest", async () => {
  const result = await runAndCheck(sdk, testing, "vitest");
  expect(result.getResult()).toEqual(expectedResult);
});

test("the workflow succeeds with vitest's default fake timers installed", async () => {
  vi.useFakeTimers();
  const result = await runAndCheck(sdk, testing, "vitest fake timers");
  expect(result.getResult()).toEqual(expectedResult);
});
