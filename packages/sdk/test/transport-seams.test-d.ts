// The test seams of the transport are declared members of DurableExecutionClient (checked by `vitest --typecheck` and `tsc`).
import { describe, expectTypeOf, it } from "vitest";
import type { DurableExecutionClient, StepBodyInfo, TransportWarning } from "@durable-ts/sdk";
import type { EventClient } from "@durable-ts/testing";

describe("DurableExecutionClient test seams", () => {
  it("declares the clock, the sleeper, the step-body override and the warning sink as optional members", () => {
    expectTypeOf<DurableExecutionClient["now"]>().toEqualTypeOf<(() => number) | undefined>();
    expectTypeOf<DurableExecutionClient["sleepUntil"]>().toEqualTypeOf<((epochMs: number, signal: AbortSignal) => Promise<void>) | undefined>();
    expectTypeOf<DurableExecutionClient["stepBodyOverride"]>().toEqualTypeOf<
      ((info: StepBodyInfo) => ((context: unknown) => Promise<unknown>) | undefined) | undefined
    >();
    expectTypeOf<DurableExecutionClient["reportWarning"]>().toEqualTypeOf<((warning: TransportWarning) => void) | undefined>();
  });

  it("a production client needs none of them", () => {
    expectTypeOf<Pick<DurableExecutionClient, "checkpoint" | "getExecutionState">>().toMatchTypeOf<DurableExecutionClient>();
  });

  it("the transport the local test runner carries on the event fits the declared seams", () => {
    type RunnerTransport = EventClient & { stepBodyOverride(info: StepBodyInfo): (() => Promise<unknown>) | undefined };
    expectTypeOf<RunnerTransport>().toMatchTypeOf<DurableExecutionClient>();
  });
});
