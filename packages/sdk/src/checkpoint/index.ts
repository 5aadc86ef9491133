export { CheckpointQueue } from "./checkpoint-queue.js";
export { isDurableExecutionClient, type DurableExecutionClient, type StepBodyInfo, type TransportWarning } from "./durable-execution-client.js";
export { DurableExecutionApiClient, type RequestTimeouts } from "./lambda-api-client.js";
export { fetchAllStatePages } from "./state-pages.js";
