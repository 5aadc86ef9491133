/** An invoke target for `durable-ts run --function pricing=pricing.ts`. */
import { durableExecution } from "@durable-ts/sdk";

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} } as never;

export const handler = durableExecution(async (event: { n: number }, ctx) => ctx.step("quote", async () => event.n * 10), { logger: quiet });
