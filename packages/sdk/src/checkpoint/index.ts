export { CheckpointQueue, type CheckpointQueueOptions, type CheckpointStats } from "./checkpoint-queue.js";
export { classifyClientError } from "./classify-error.js";
export { isDurableExecutionClient, type DurableExecutionClient, type StepBodyInfo, type TransportWarning } from "./durable-execution-client.js";
export { DurableExecutionApiClient, type RequestTimeouts } from "./lambda-api-client.js";
export { fetchAllStatePages, STATE_PAGE_SIZE } from "./state-pages.js";
