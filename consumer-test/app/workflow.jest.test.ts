// Runs under jest + ts-jest in CommonJS mode: the imports below compile to require().
import * as sdk from "@durable-ts/sdk";
import * as testing from "@durable-ts/testing";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { expectedResult, runAndCheck } = require("./workflow-body.cjs");

afterEach(() => jest.useRealTimers());

test("the workflow succeeds under jest (CommonJS)", async () => {
  expect(typeof require).toBe("function");
  const result = await runAndCheck(sdk, testing, "jest");
  expect(result.getResult()).toEqual(expectedResult);
});

test("the workflow succeeds with jest's default fake timers installed", async () => {
  jest.useFakeTimers();
  const result = await runAndCheck(sdk, testing, "jest fake timers");
  expect(result.getResult()).toEqual(expectedResult);
});

test("the workflow succeeds with jest's legacy fake timers installed", async () => {
  jest.useFakeTimers({ legacyFakeTimers: true });
  const result = await runAndCheck(sdk, testing, "jest legacy fake timers");
  expect(result.getResult()).toEqual(expectedResult);
});
