import { fileURLToPath } from "node:url";
import { App, CfnOutput, Duration, Stack } from "aws-cdk-lib";
import { DurableFunction, StreamingFunction } from "@durable-ts/cdk";

const app = new App();
const stack = new Stack(app, "__STACK__");
const source = (file: string) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));

// The export workflow: a durable function, started through its `live` alias.
const exportJob = new DurableFunction(stack, "ExportJob", {
  entry: source("export-job.ts"),
  executionTimeout: Duration.hours(1),
  retentionPeriod: Duration.days(7),
});

// The API: one Function URL in RESPONSE_STREAM mode, IAM-authenticated (sign requests with SigV4,
// or pass authType: FunctionUrlAuthType.NONE for a public API). Its timeout bounds one event stream;
// clients reconnect with Last-Event-ID.
const api = new StreamingFunction(stack, "Api", {
  entry: source("api.ts"),
  timeout: Duration.minutes(5),
  environment: { JOBS_FUNCTION: exportJob.alias.functionArn },
});
exportJob.grantStart(api.function);
exportJob.grantReadExecutions(api.function);

new CfnOutput(stack, "ExportJobFunctionName", { value: exportJob.function.functionName });
new CfnOutput(stack, "ExportJobAliasArn", { value: exportJob.alias.functionArn });
