// A custom runtime's bootstrap for the examples' end-to-end tests: serves `_HANDLER` (e.g.
// `examples/orders-api.ts.handler`) from `AWS_LAMBDA_RUNTIME_API` with our runtime loop.
import { runBootstrap } from "@durable-ts/sdk/runtime";

await runBootstrap();
