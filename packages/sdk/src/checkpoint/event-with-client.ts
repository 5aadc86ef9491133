import type { Operation } from "@aws-sdk/client-lambda";
import { isDurableExecutionClient, type DurableExecutionClient } from "./durable-execution-client.js";

const TAG = "DurableExecutionInvocationInputWithClient";

/**
 * An invocation event that carries its transport (protocol §12): the official testing kit's class,
 * by name and `Symbol.toStringTag`. Handlers built with this SDK or the official one checkpoint
 * through `durableExecutionClient` instead of their configured client.
 */
export class DurableExecutionInvocationInputWithClient {
  readonly DurableExecutionArn: string;
  readonly CheckpointToken: string;
  readonly InitialExecutionState: { Operations: Operation[]; NextMarker?: string };
  readonly durableExecutionClient: DurableExecutionClient;

  constructor(
    params: { DurableExecutionArn: string; CheckpointToken: string; InitialExecutionState: { Operations?: Operation[]; NextMarker?: string } },
    durableExecutionClient: DurableExecutionClient,
  ) {
    this.DurableExecutionArn = params.DurableExecutionArn;
    this.CheckpointToken = params.CheckpointToken;
    this.InitialExecutionState = { ...params.InitialExecutionState, Operations: params.InitialExecutionState.Operations ?? [] };
    this.durableExecutionClient = durableExecutionClient;
  }

  /** True for an instance of this class, of another copy of it, or of the official SDK's (checked by tag and shape). */
  static isInstance(event: unknown): event is DurableExecutionInvocationInputWithClient {
    if (event instanceof this) return true;
    if (typeof event !== "object" || event === null) return false;
    return (
      Object.prototype.toString.call(event) === `[object ${TAG}]` && isDurableExecutionClient((event as { durableExecutionClient?: unknown }).durableExecutionClient)
    );
  }

  get [Symbol.toStringTag](): string {
    return TAG;
  }
}

// The official SDK recognises the event by its class name: keep it when a bundler renames or
// minifies the class (esbuild renames a class that refers to itself).
Object.defineProperty(DurableExecutionInvocationInputWithClient, "name", { value: TAG });
