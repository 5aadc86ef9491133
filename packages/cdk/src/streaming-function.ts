import * as lambda from "aws-cdk-lib/aws-lambda";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { CfnOutput } from "aws-cdk-lib";
import { Construct } from "constructs";
import { bundledFunction, type HandlerFunctionOptions } from "./bundling.js";

/** Properties of {@link StreamingFunction}. */
export interface StreamingFunctionProps extends HandlerFunctionOptions {
  /**
   * Who may call the URL. Default `AWS_IAM` (signed requests only); `NONE` makes it public, which
   * you should choose knowingly.
   */
  authType?: lambda.FunctionUrlAuthType;
  /** CORS for browsers reading the stream. Default: none. */
  cors?: lambda.FunctionUrlCorsOptions;
  /** Emit the URL as a stack output. Default true. */
  output?: boolean;
}

/**
 * A Node.js function with a Function URL in `RESPONSE_STREAM` mode, for handlers built with
 * `sseHandler` / `streamingHandler`: the client receives each frame as it is written.
 */
export class StreamingFunction extends Construct {
  readonly function: NodejsFunction;
  readonly url: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: StreamingFunctionProps) {
    super(scope, id);
    this.function = bundledFunction(this, "Function", props);
    this.url = this.function.addFunctionUrl({
      authType: props.authType ?? lambda.FunctionUrlAuthType.AWS_IAM,
      invokeMode: lambda.InvokeMode.RESPONSE_STREAM,
      ...(props.cors !== undefined ? { cors: props.cors } : {}),
    });
    if (props.output ?? true) new CfnOutput(this, "Url", { value: this.url.url });
  }
}
