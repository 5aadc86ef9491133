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

/**
 * {@link DurableExecutionClient} over `@aws-sdk/client-lambda`: the transport used on Lambda.
 * The client is created lazily (default `new LambdaClient({})`), so an invocation driven by a
 * client carried on the event never loads it.
 */
export class DurableExecutionApiClient implements DurableExecutionClient {
  private client: LambdaClient | undefined;

  constructor(client?: LambdaClient) {
    this.client = client;
  }

  async checkpoint(params: CheckpointDurableExecutionRequest): Promise<CheckpointDurableExecutionResponse> {
    const module = await loadClientModule();
    const { $metadata: _metadata, ...response } = await this.lambda(module).send(new module.CheckpointDurableExecutionCommand(params));
    return response;
  }

  async getExecutionState(params: GetDurableExecutionStateRequest): Promise<GetDurableExecutionStateResponse> {
    const module = await loadClientModule();
    const { $metadata: _metadata, ...response } = await this.lambda(module).send(new module.GetDurableExecutionStateCommand(params));
    return response as GetDurableExecutionStateResponse;
  }

  private lambda(module: ClientModule): LambdaClient {
    this.client ??= new module.LambdaClient({});
    return this.client;
  }
}
