// Fake timers installed before the packages load: nothing the packages capture at load is faked
// time (jest gives each test file its own module registry, so these requires load them afresh).
jest.useFakeTimers();

test("the workflow succeeds when jest's fake timers were installed before the packages loaded", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@durable-ts/sdk");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testing = require("@durable-ts/testing");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { expectedResult, runAndCheck } = require("./workflow-body.cjs");
  const result = await runAndCheck(sdk, testing, "jest fake timers before load");
  expect(result.getResult()).toEqual(expectedResult);
  expect(jest.isMockFunction(setTimeout) || typeof jest.now === "function").toBe(true);
});
