// The bootstrap of a custom runtime on our Runtime API loop: `_HANDLER` under `LAMBDA_TASK_ROOT`,
// served from `AWS_LAMBDA_RUNTIME_API` until the process is stopped.
import { runBootstrap } from "@durable-ts/sdk/runtime";

await runBootstrap();
