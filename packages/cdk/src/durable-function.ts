import { Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Construct } from "constructs";
import { bundledFunction, type HandlerFunctionOptions } from "./bundling.js";

/** Properties of {@link DurableFunction}. */
export interface DurableFunctionProps extends HandlerFunctionOptions {
  /** How long one durable execution may run, across all its invocations. Default 1 day (at most 366 days). */
  executionTimeout?: Duration;
  /** How long an ended execution's history is kept. Default 14 days (1 to 90). */
  retentionPeriod?: Duration;
  /** Name of the alias executions are started through. Default `"live"`. */
  aliasName?: string;
  /** Functions this one may start with `context.invoke` (chained invokes). */
  invokes?: lambda.IFunction[];
}

/**
 * A Node.js Lambda function configured for durable executions:
 * - bundled with esbuild from `entry` (ESM, minified, source maps, a `require` banner for the AWS SDK);
 * - `DurableConfig` with the execution timeout and retention;
 * - a published version and an alias (`live`): start executions through the alias, a qualified
 *   ARN, so a deploy does not change the code of executions already running;
 * - a role with exactly what the SDK needs on itself: `lambda:CheckpointDurableExecution` and
 *   `lambda:GetDurableExecutionState` on this function's executions (`<function ARN>:*`), plus
 *   `lambda:InvokeFunction` on each function in `invokes`;
 * - a log group with a retention (one month by default).
 *
 * @example
 * const orders = new DurableFunction(this, "Orders", {
 *   entry: "src/order-workflow.ts",
 *   executionTimeout: Duration.days(7),
 *   invokes: [payments.alias],
 * });
 * orders.grantStart(apiRole);
 * orders.grantSendCallbacks(approvalsFunction);
 */
export class DurableFunction extends Construct {
  /** The function. */
  readonly function: NodejsFunction;
  /** The version published from the current code. */
  readonly version: lambda.Version;
  /** The alias that points at {@link version}: invoke this. */
  readonly alias: lambda.Alias;

  constructor(scope: Construct, id: string, props: DurableFunctionProps) {
    super(scope, id);
    this.function = bundledFunction(this, "Function", props, {
      durableConfig: {
        executionTimeout: props.executionTimeout ?? Duration.days(1),
        retentionPeriod: props.retentionPeriod ?? Duration.days(14),
      },
    });
    this.version = this.function.currentVersion;
    this.alias = new lambda.Alias(this, "Alias", { aliasName: props.aliasName ?? "live", version: this.version });

    // A separate policy, not the role's default one: the function depends on its default policy,
    // and this statement names the function's ARN, which would make a cycle.
    const policy = new iam.Policy(this, "DurableExecutionPolicy", {
      statements: [
        new iam.PolicyStatement({
          sid: "CheckpointOwnExecutions",
          actions: ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"],
          resources: [this.executionArnPattern()],
        }),
      ],
    });
    this.function.role!.attachInlinePolicy(policy);
    for (const target of props.invokes ?? []) target.grantInvoke(this.function);
  }

  /** Lets `grantee` start executions (invoke the alias, synchronously or not). */
  grantStart(grantee: iam.IGrantable): iam.Grant {
    return this.alias.grantInvoke(grantee);
  }

  /** Lets `grantee` complete callbacks of this function's executions (success, failure, heartbeat). */
  grantSendCallbacks(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ["lambda:SendDurableExecutionCallbackSuccess", "lambda:SendDurableExecutionCallbackFailure", "lambda:SendDurableExecutionCallbackHeartbeat"],
      resourceArns: [this.executionArnPattern()],
    });
  }

  /** Lets `grantee` read executions: their status, result and history, and list them. */
  grantReadExecutions(grantee: iam.IGrantable): iam.Grant {
    const executions = iam.Grant.addToPrincipal({
      grantee,
      actions: ["lambda:GetDurableExecution", "lambda:GetDurableExecutionHistory"],
      resourceArns: [this.executionArnPattern()],
    });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ["lambda:ListDurableExecutionsByFunction"],
      resourceArns: [this.function.functionArn, `${this.function.functionArn}:*`],
    });
    return executions;
  }

  /** Lets `grantee` stop executions. */
  grantStop(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ["lambda:StopDurableExecution"], resourceArns: [this.executionArnPattern()] });
  }

  /**
   * The IAM resource pattern of this function's executions. An execution's ARN is the function's
   * ARN qualified by `$LATEST` or a version, then `/durable-execution/<name>/<id>`; aliases do not
   * appear in it, so the pattern covers every qualifier.
   */
  executionArnPattern(): string {
    return `${this.function.functionArn}:*`;
  }
}
