/**
 * Test assertions on a `TestResult`: `toSucceedWith`, `toFailWith`, `toHaveOperation`.
 * See docs/testing/test-doubles.md.
 */
export { durableMatchers, type DurableMatchers, type ExpectedError, type ExpectedOperation, type MatcherOutcome } from "./durable-matchers.js";
export { installDurableMatchers, type ExtendableExpect } from "./install.js";
