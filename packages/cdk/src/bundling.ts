import { Duration } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat, type BundlingOptions } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";

/**
 * ESM bundles that contain the AWS SDK (or other CommonJS code that calls `require` on Node
 * built-ins) need a `require` of their own: esbuild's ESM output has none.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Options shared by the constructs that bundle a handler from an entry file. */
export interface HandlerFunctionOptions {
  /** The handler's source file (TypeScript or JavaScript), bundled with esbuild. */
  entry: string;
  /** The exported handler's name. Default `"handler"`. */
  handler?: string;
  /** Default `NODEJS_22_X`. */
  runtime?: lambda.Runtime;
  /** Default 512 MB. */
  memorySize?: number;
  /** Limit of one invocation. Default 1 minute. */
  timeout?: Duration;
  environment?: Record<string, string>;
  /** How long the function's logs are kept. Default one month. */
  logRetention?: logs.RetentionDays;
  /** Overrides of the bundling options (ESM, minified, source maps, the `require` banner). */
  bundling?: BundlingOptions;
  /** Default `ARM_64`. */
  architecture?: lambda.Architecture;
  /** Passed to the function as is (VPC, layers, reserved concurrency, …). */
  functionProps?: Partial<lambda.FunctionProps>;
}

/** A `NodejsFunction` with the defaults every construct of this package uses. */
export function bundledFunction(scope: Construct, id: string, options: HandlerFunctionOptions, extra: Partial<lambda.FunctionProps> = {}): NodejsFunction {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: options.logRetention ?? logs.RetentionDays.ONE_MONTH });
  return new NodejsFunction(scope, id, {
    entry: options.entry,
    handler: options.handler ?? "handler",
    runtime: options.runtime ?? lambda.Runtime.NODEJS_22_X,
    architecture: options.architecture ?? lambda.Architecture.ARM_64,
    memorySize: options.memorySize ?? 512,
    timeout: options.timeout ?? Duration.minutes(1),
    environment: { NODE_OPTIONS: "--enable-source-maps", ...options.environment },
    logGroup,
    bundling: {
      format: OutputFormat.ESM,
      target: "node22",
      minify: true,
      sourceMap: true,
      banner: ESM_REQUIRE_BANNER,
      ...options.bundling,
    },
    ...extra,
    ...options.functionProps,
  });
}
