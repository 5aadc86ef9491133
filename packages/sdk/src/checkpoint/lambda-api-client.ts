import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import type { DurableExecutionClient } from "./durable-execution-client.js";

type ClientModule = typeof import("@aws-sdk/client-lambda");
let clientModule: Promise<ClientModule> | undefined;

/** Loads @aws-sdk/client-lambda on first use: importing the SDK stays cheap on a cold start. */
function loadClientModule(): Promise<ClientModule> {
  clientModule ??= import("@aws-sdk/client-lambda");
  return clientModule;
}

/** How long the default client waits on the network (per HTTP attempt; the AWS SDK retries up to 3 attempts). */
export interface RequestTimeouts {
  /** Establishing the connection. */
  connectionTimeoutMs: number;
  /** The whole request and response of one attempt, and the longest a socket may sit idle. */
  requestTimeoutMs: number;
}

/**
 * {@link DurableExecutionClient} over `@aws-sdk/client-lambda`: the transport used on Lambda.
 * The client is created lazily, so an invocation driven by a client carried on the event never
 * loads it. The default client (`new LambdaClient` with `timeouts`) gives up on an attempt that
 * does not answer in time; the AWS SDK retries it, and the call as a whole is aborted once the
 * invocation's own deadline nears ({@link forInvocation}), so a hung request becomes a transient
 * error (thrown: Lambda retries the invocation) instead of running into the Lambda timeout.
 */
export class DurableExecutionApiClient implements DurableExecutionClient {
  private client: LambdaClient | undefined;

  constructor(
    client?: LambdaClient,
    private readonly timeouts?: RequestTimeouts,
  ) {
    this.client = client;
  }

  checkpoint(params: CheckpointDurableExecutionRequest): Promise<CheckpointDurableExecutionResponse> {
    return this.sendCheckpoint(params, undefined);
  }

  getExecutionState(params: GetDurableExecutionStateRequest): Promise<GetDurableExecutionStateResponse> {
    return this.sendGetState(params, undefined);
  }

  /**
   * The same transport for one invocation: each call is aborted when `budgetMs()` (read as the call
   * starts: the invocation's remaining time less a margin) has passed.
   */
  forInvocation(budgetMs: () => number): DurableExecutionClient {
    const signal = () => AbortSignal.timeout(Math.max(1, Math.floor(budgetMs())));
    return {
      checkpoint: (params) => this.sendCheckpoint(params, signal()),
      getExecutionState: (params) => this.sendGetState(params, signal()),
    };
  }

  private async sendCheckpoint(params: CheckpointDurableExecutionRequest, abortSignal: AbortSignal | undefined): Promise<CheckpointDurableExecutionResponse> {
    const module = await loadClientModule();
    const command = new module.CheckpointDurableExecutionCommand(params);
    const { $metadata: _metadata, ...response } = await this.lambda(module).send(command, { abortSignal });
    return response;
  }

  private async sendGetState(params: GetDurableExecutionStateRequest, abortSignal: AbortSignal | undefined): Promise<GetDurableExecutionStateResponse> {
    const module = await loadClientModule();
    const command = new module.GetDurableExecutionStateCommand(params);
    const { $metadata: _metadata, ...response } = await this.lambda(module).send(command, { abortSignal });
    return response as GetDurableExecutionStateResponse;
  }

  private lambda(module: ClientModule): LambdaClient {
    this.client ??= new module.LambdaClient(this.timeouts ? { requestHandler: handlerOptions(this.timeouts) } : {});
    return this.client;
  }
}

/**
 * `requestTimeout` alone only logs a warning in recent AWS SDK versions (`throwOnRequestTimeout`
 * opts in to the error); older ones, such as a Lambda runtime's bundled copy, treat it as a socket
 * idle timeout. `socketTimeout` covers a connection that stays silent under either.
 */
function handlerOptions(timeouts: RequestTimeouts) {
  return {
    connectionTimeout: timeouts.connectionTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    throwOnRequestTimeout: true,
    socketTimeout: timeouts.requestTimeoutMs,
  };
}
