// Figure 7: the hello-world handler bundled with esbuild for @durable-ts/sdk.
import { withDurableExecution } from "@durable-ts/sdk";

export const handler = withDurableExecution(async (event: { name?: string }, context) => context.step("greet", async () => `Hello, ${event?.name ?? "world"}!`));
