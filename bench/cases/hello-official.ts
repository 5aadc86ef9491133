// Figure 7: the hello-world handler bundled with esbuild for @aws/durable-execution-sdk-js.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

export const handler = withDurableExecution(async (event: { name?: string }, context) => context.step("greet", async () => `Hello, ${event?.name ?? "world"}!`));
