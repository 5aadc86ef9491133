// A custom runtime's bootstrap: serves the handler named by _HANDLER under LAMBDA_TASK_ROOT.
import { runBootstrap } from "@durable-ts/sdk/runtime";

await runBootstrap();
