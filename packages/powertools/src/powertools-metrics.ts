import type { DurablePlugin, InvocationMetrics } from "@durable-ts/sdk";

/** What the plugin needs of a Powertools `Metrics` instance (an optional peer). */
export interface PowertoolsMetricsLike {
  addMetric(name: string, unit: string, value: number): unknown;
  addMetadata(key: string, value: string): void;
  publishStoredMetrics(): void;
}

/** Options of {@link durableMetricsPlugin}. */
export interface DurableMetricsPluginOptions {
  /** Prefix of every metric name. Default `"Durable"`. */
  prefix?: string;
  /** Publish (flush the EMF blob) at the end of each invocation. Default true. */
  publish?: boolean;
}

const OUTCOME_METRIC: Record<InvocationMetrics["outcome"], string> = {
  SUCCEEDED: "InvocationsSucceeded",
  FAILED: "InvocationsFailed",
  PENDING: "InvocationsSuspended",
  THROWN: "InvocationsThrown",
};

/**
 * A plugin that sends each invocation's `invocation.metrics` figures as CloudWatch metrics
 * through Powertools Metrics (embedded metric format). Metric names (with the prefix, default
 * `Durable`): `Invocations`, `InvocationsSucceeded|Failed|Suspended|Thrown`, `ColdStarts`,
 * `InvocationDuration`, `InitDuration`, `LoadStateDuration`, `ReplayDuration`, `ExecuteDuration`,
 * `CheckpointWait` (milliseconds), `OperationsReplayed`, `OperationsExecuted`, `CheckpointCalls`,
 * `CheckpointRetries` (count) and `CheckpointBytesSent` (bytes). The execution ARN, request id and
 * suspend reason go in as metadata, not dimensions, so they add no metric cardinality.
 *
 * @example
 * const metrics = new Metrics({ namespace: "orders", serviceName: "checkout" });
 * export const handler = durableExecution(workflow, { plugins: [durableMetricsPlugin(metrics)] });
 */
export function durableMetricsPlugin(metrics: PowertoolsMetricsLike, options: DurableMetricsPluginOptions = {}): DurablePlugin {
  const prefix = options.prefix ?? "Durable";
  const publish = options.publish ?? true;
  return {
    name: "@durable-ts/powertools metrics",
    onInvocationEnd({ metrics: m, outcome }) {
      const add = (name: string, unit: string, value: number) => metrics.addMetric(`${prefix}${name}`, unit, value);
      add("Invocations", "Count", 1);
      add(OUTCOME_METRIC[outcome], "Count", 1);
      if (m.coldStart) {
        add("ColdStarts", "Count", 1);
        add("InitDuration", "Milliseconds", m.ms.init);
      }
      add("InvocationDuration", "Milliseconds", m.ms.total);
      add("LoadStateDuration", "Milliseconds", m.ms.loadState);
      add("ReplayDuration", "Milliseconds", m.ms.replay);
      add("ExecuteDuration", "Milliseconds", m.ms.execute);
      add("CheckpointWait", "Milliseconds", m.ms.checkpointWait);
      add("OperationsReplayed", "Count", m.ops.replayed);
      add("OperationsExecuted", "Count", m.ops.executed);
      add("CheckpointCalls", "Count", m.checkpoint.calls);
      add("CheckpointRetries", "Count", m.checkpoint.retries);
      add("CheckpointBytesSent", "Bytes", m.checkpoint.bytesSent);
      metrics.addMetadata("executionArn", m.executionArn);
      metrics.addMetadata("requestId", m.requestId);
      if (m.suspendReason !== undefined) metrics.addMetadata("suspendReason", m.suspendReason);
      if (publish) metrics.publishStoredMetrics();
    },
  };
}
