/** Handlers for the CLI tests: a logging one, an unwrapped one, an invoke caller, a long wait, a lone callback. */
import { durableExecution } from "@durable-ts/sdk";

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} } as never;

/** Logs through the SDK's default logger and console.log. */
export const logs = durableExecution(async (_event, ctx) => {
  ctx.logger.info("hello from the handler");
  console.log("a console line");
  return ctx.step("work", async () => "done");
});

/** Forgot durableExecution(...). */
export const unwrapped = async (event: { n?: number }) => ({ ok: true, n: event?.n });

/** Calls function "pricing" (registered with --function). */
export const caller = durableExecution(async (_event, ctx) => ctx.invoke("price", "pricing", { n: 4 }), { logger: quiet });

/** Waits two hours. */
export const napper = durableExecution(
  async (_event, ctx) => {
    await ctx.wait("nap", { hours: 2 });
    return "rested";
  },
  { logger: quiet },
);

/** Waits for a callback nobody answers. */
export const waiter = durableExecution(async (_event, ctx) => ctx.waitForCallback("approval", async () => undefined), { logger: quiet });
