import { describe, expect, it } from "vitest";
import { ConfigError, WaitForConditionError } from "../errors/index.js";
import { durationToSeconds } from "../time/index.js";
import { JitterStrategy } from "./retry-strategy.js";
import { createWaitStrategy } from "./wait-strategy.js";

type State = { done: boolean };
const pending: State = { done: false };

describe("createWaitStrategy", () => {
  it("stops when the condition no longer asks to poll", () => {
    const s = createWaitStrategy<State>({ shouldContinuePolling: (st) => !st.done });
    expect(s({ done: true }, 1)).toEqual({ shouldContinue: false });
  });

  it("backs off by 1.5× from 5 s up to 300 s by default (no jitter)", () => {
    const s = createWaitStrategy<State>({ shouldContinuePolling: () => true, jitter: JitterStrategy.NONE });
    const seconds = [1, 2, 3, 4, 12].map((n) => {
      const d = s(pending, n);
      return d.shouldContinue ? durationToSeconds(d.delay, "d") : undefined;
    });
    expect(seconds).toEqual([5, 8, 11, 17, 300]);
  });

  it("jitters within [1, d]", () => {
    const s = createWaitStrategy<State>({ shouldContinuePolling: () => true, initialDelay: { seconds: 10 } }, { random: () => 0 });
    expect(s(pending, 1)).toEqual({ shouldContinue: true, delay: { seconds: 1 } });
  });

  it("throws a WaitForConditionError once maxAttempts checks were made and polling should continue", () => {
    const s = createWaitStrategy<State>({ shouldContinuePolling: () => true, maxAttempts: 3 });
    expect(s(pending, 2).shouldContinue).toBe(true);
    expect(() => s(pending, 3)).toThrow(WaitForConditionError);
    expect(() => s(pending, 3)).toThrow(/3 attempts exhausted/);
  });

  it("still reports a met condition on the last attempt", () => {
    const s = createWaitStrategy<State>({ shouldContinuePolling: (st) => !st.done, maxAttempts: 1 });
    expect(s({ done: true }, 1)).toEqual({ shouldContinue: false });
  });

  it("carries timeoutSeconds for the engine", () => {
    expect(createWaitStrategy({ shouldContinuePolling: () => true, timeoutSeconds: 90 }).timeoutSeconds).toBe(90);
    expect(createWaitStrategy({ shouldContinuePolling: () => true }).timeoutSeconds).toBeUndefined();
  });

  const always = (): boolean => true;
  it.each([
    ["shouldContinuePolling", { shouldContinuePolling: "yes" }],
    ["maxAttempts", { shouldContinuePolling: always, maxAttempts: 0 }],
    ["backoffRate", { shouldContinuePolling: always, backoffRate: -1 }],
    ["timeoutSeconds", { shouldContinuePolling: always, timeoutSeconds: 0 }],
    ["initialDelay", { shouldContinuePolling: always, initialDelay: { seconds: NaN } }],
  ])("rejects a bad %s with a ConfigError naming it", (field, config) => {
    try {
      createWaitStrategy(config as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).field).toBe(field);
    }
  });
});
