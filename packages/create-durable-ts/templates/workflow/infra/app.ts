import { fileURLToPath } from "node:url";
import { App, CfnOutput, Duration, Stack } from "aws-cdk-lib";
import { DurableFunction } from "@durable-ts/cdk";

const app = new App();
const stack = new Stack(app, "__STACK__");

const orders = new DurableFunction(stack, "OrderWorkflow", {
  entry: fileURLToPath(new URL("../src/order-workflow.ts", import.meta.url)),
  executionTimeout: Duration.days(7),
  retentionPeriod: Duration.days(30),
});

new CfnOutput(stack, "FunctionName", { value: orders.function.functionName });
new CfnOutput(stack, "AliasArn", { value: orders.alias.functionArn });
