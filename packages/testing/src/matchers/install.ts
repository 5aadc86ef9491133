/**
 * Registers the durable matchers on a test framework's `expect`, and types them on vitest's
 * `Assertion` (and jest's `jest.Matchers`) by declaration merging, so `expect(result).toSucceedWith(…)`
 * type-checks once this module is part of the program (importing `@durable-ts/testing` is enough).
 */
import { durableMatchers, type DurableMatchers } from "./durable-matchers.js";

/** Anything with jest's `extend` (vitest's and jest's `expect` both fit). */
export interface ExtendableExpect {
  extend(matchers: typeof durableMatchers): void;
}

/**
 * Adds `toSucceedWith`, `toFailWith` and `toHaveOperation` to `expect`. Call it once per test
 * file, or in a `setupFiles` module.
 *
 * @example
 * import { expect } from "vitest";
 * import { installDurableMatchers } from "@durable-ts/testing";
 * installDurableMatchers(expect);
 */
export function installDurableMatchers(expect: ExtendableExpect): void {
  if (typeof expect?.extend !== "function") {
    throw new TypeError("installDurableMatchers: expected the test framework's expect (a function with .extend), received " + typeof expect);
  }
  expect.extend(durableMatchers);
}

declare module "vitest" {
  // Merges into vitest's Assertion, so the matchers appear on expect(...) and expect(...).not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any -- declaration merging: the type parameters must repeat vitest's exactly
  interface Assertion<T = any> extends DurableMatchers<void> {}
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- jest types its matchers in this global namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type -- declaration merging: the type parameters must repeat jest's exactly
    interface Matchers<R, T = {}> extends DurableMatchers<R> {}
  }
}
