/**
 * The cloud runner: the local runner's interface over a service endpoint (AWS or the local
 * server). Notes: docs/testing/cloud-runner.md.
 */
export { CloudDurableTestRunner, type CloudDurableTestRunnerConfig, type CloudDurableTestRunnerParameters, type CloudRunnerOptions } from "./cloud-runner.js";
export type { DurableTestRunner } from "./durable-test-runner.js";
export { operationsFromHistory } from "../history/history-operations.js";
