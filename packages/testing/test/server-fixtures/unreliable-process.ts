/**
 * A function whose first invocation kills its process (`mode: "exit"`) or hangs it (`mode: "hang"`);
 * the file at `marker` remembers, across processes, that this already happened.
 */
import { existsSync, writeFileSync } from "node:fs";
import { durableExecution } from "@durable-ts/sdk";

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

export const handler = durableExecution(
  async (event: { marker: string; mode: "exit" | "hang" }, ctx) => {
    const before = await ctx.step("before", async () => "stepped");
    if (!existsSync(event.marker)) {
      writeFileSync(event.marker, String(process.pid));
      if (event.mode === "exit") process.exit(3);
      await new Promise(() => setInterval(() => undefined, 1_000)); // stuck for good
    }
    return `${before}, then done in process ${process.pid}`;
  },
  { logger: quiet as never },
);
