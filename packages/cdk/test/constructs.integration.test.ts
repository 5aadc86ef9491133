// Synthesizes stacks offline (the handler is bundled with the local esbuild) and checks the templates.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, Duration, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { describe, expect, it } from "vitest";
import { ActorFabric, DurableFunction, ESM_REQUIRE_BANNER, StreamingFunction } from "../src/index.js";

const entry = fileURLToPath(new URL("./fixtures/handler.ts", import.meta.url));
let lastApp: App | undefined;
const stackWith = (build: (stack: Stack) => void): Template => {
  const app = (lastApp = new App());
  const stack = new Stack(app, "Test", { env: { account: "123456789012", region: "eu-west-1" } });
  build(stack);
  return Template.fromStack(stack);
};

/** The logical id of the only resource of `type` whose logical id contains `part`. */
function logicalId(template: Template, type: string, part: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.includes(part));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe("DurableFunction", () => {
  const template = stackWith((stack) => {
    const payments = new lambda.Function(stack, "Payments", {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: "index.handler",
      code: lambda.Code.fromInline("exports.handler = async () => 1"),
    });
    const orders = new DurableFunction(stack, "Orders", { entry, executionTimeout: Duration.days(7), retentionPeriod: Duration.days(30), invokes: [payments] });
    const caller = new iam.Role(stack, "Caller", { assumedBy: new iam.AccountRootPrincipal() });
    orders.grantStart(caller);
    orders.grantSendCallbacks(caller);
    orders.grantReadExecutions(caller);
  });
  const durableApp = lastApp!;
  const fnId = () => logicalId(template, "AWS::Lambda::Function", "OrdersFunction");

  it("configures durable execution, an ESM Node.js 22 bundle and a log group with retention", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "index.handler",
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      DurableConfig: { ExecutionTimeout: 7 * 86_400, RetentionPeriodInDays: 30 },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp("^OrdersFunctionLogs") } },
    });
    template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 30 });
  });

  it("publishes a version and points the alias at it", () => {
    const versionId = logicalId(template, "AWS::Lambda::Version", "OrdersFunctionCurrentVersion");
    template.hasResourceProperties("AWS::Lambda::Version", { FunctionName: { Ref: fnId() } });
    template.hasResourceProperties("AWS::Lambda::Alias", { Name: "live", FunctionName: { Ref: fnId() }, FunctionVersion: { "Fn::GetAtt": [versionId, "Version"] } });
  });

  it("lets the function checkpoint and read only its own executions, and invoke only what it was given", () => {
    template.hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: {
        Statement: [
          {
            Sid: "CheckpointOwnExecutions",
            Effect: "Allow",
            Action: ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"],
            Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": [fnId(), "Arn"] }, ":*"]] },
          },
        ],
      },
      Roles: [{ Ref: Match.stringLikeRegexp("^OrdersFunctionServiceRole") }],
    });
    const statements = Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
    );
    // no statement of ours uses a wildcard resource
    for (const s of statements) expect(s.Resource).not.toBe("*");
    const invoke = statements.filter((s) => s.Action === "lambda:InvokeFunction" || (Array.isArray(s.Action) && s.Action.includes("lambda:InvokeFunction")));
    expect(JSON.stringify(invoke)).toContain("Payments");
  });

  it("grants callers start (through the alias), callbacks and reads on the executions", () => {
    const policy = Object.values(template.findResources("AWS::IAM::Policy")).find((p) => JSON.stringify(p.Properties.Roles).includes("Caller"))!;
    const statements = policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>;
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toEqual(
      expect.arrayContaining([
        "lambda:InvokeFunction",
        "lambda:SendDurableExecutionCallbackSuccess",
        "lambda:SendDurableExecutionCallbackFailure",
        "lambda:SendDurableExecutionCallbackHeartbeat",
        "lambda:GetDurableExecution",
        "lambda:GetDurableExecutionHistory",
        "lambda:ListDurableExecutionsByFunction",
      ]),
    );
    const start = statements.find((s) => s.Action === "lambda:InvokeFunction")!;
    expect(JSON.stringify(start.Resource)).toContain("OrdersAlias");
  });

  it("bundles the entry as ESM with the banner that ESM bundles of the AWS SDK need", () => {
    const outdir = durableApp.synth().directory;
    const bundles = readdirSync(outdir)
      .filter((d) => d.startsWith("asset."))
      .map((d) => join(outdir, d, "index.mjs"));
    expect(bundles.length).toBeGreaterThan(0);
    const code = readFileSync(bundles[0]!, "utf8");
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*handler/);
  });
});

describe("ActorFabric", () => {
  const template = stackWith((stack) => {
    const fabric = new ActorFabric(stack, "Actors", { maxReceiveCount: 3 });
    const fn = new lambda.Function(stack, "Counter", {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: "index.handler",
      code: lambda.Code.fromInline("exports.handler = async () => 1"),
    });
    fabric.addActorFunction(fn);
  });

  it("creates the table keyed by pk, on demand, retained, with point-in-time recovery", () => {
    template.hasResource("AWS::DynamoDB::Table", {
      Properties: {
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
      DeletionPolicy: "Retain",
    });
  });

  it("creates a FIFO queue without content deduplication and a FIFO dead-letter queue with a redrive policy", () => {
    const dlq = logicalId(template, "AWS::SQS::Queue", "DeadLetterQueue");
    template.hasResourceProperties("AWS::SQS::Queue", {
      FifoQueue: true,
      ContentBasedDeduplication: false,
      VisibilityTimeout: 360,
      RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [dlq, "Arn"] }, maxReceiveCount: 3 },
    });
    template.hasResourceProperties("AWS::SQS::Queue", { FifoQueue: true, MessageRetentionPeriod: 14 * 86_400 });
  });

  it("maps the queue to the function with partial batch responses, the least permissions and the environment", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", { BatchSize: 10, FunctionResponseTypes: ["ReportBatchItemFailures"] });
    template.hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: "ActorItems", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"] })]) },
    });
    const statements = Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>,
    );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toEqual(
      expect.arrayContaining(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:SendMessage"]),
    );
    expect(actions).not.toContain("dynamodb:Scan");
    template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: { ACTOR_TABLE_NAME: { Ref: Match.anyValue() }, ACTOR_QUEUE_URL: { Ref: Match.anyValue() } } },
    });
  });
});

describe("StreamingFunction", () => {
  it("has a Function URL in RESPONSE_STREAM mode, IAM-authenticated by default, and outputs it", () => {
    const template = stackWith((stack) => void new StreamingFunction(stack, "Events", { entry }));
    template.hasResourceProperties("AWS::Lambda::Url", { InvokeMode: "RESPONSE_STREAM", AuthType: "AWS_IAM" });
    expect(Object.keys(template.findOutputs("*")).some((id) => id.includes("EventsUrl"))).toBe(true);
  });
});
