import { fileURLToPath } from "node:url";
import { App, CfnOutput, Stack } from "aws-cdk-lib";
import { ActorFabric, bundledFunction } from "@durable-ts/cdk";

const app = new App();
const stack = new Stack(app, "__STACK__");

// One function per actor, each with its own FIFO queue (queued calls of one actor id stay in order)
// and dead-letter queue. Each fabric's table keeps its actor's state and is retained when the
// stack is deleted.
for (const [id, file] of [
  ["Counter", "counter.ts"],
  ["RateLimiter", "rate-limiter.ts"],
] as const) {
  const fabric = new ActorFabric(stack, `${id}Actors`);
  const fn = bundledFunction(stack, `${id}Function`, { entry: fileURLToPath(new URL(`../src/${file}`, import.meta.url)) });
  fabric.addActorFunction(fn);
  new CfnOutput(stack, `${id}FunctionName`, { value: fn.functionName });
  new CfnOutput(stack, `${id}QueueUrl`, { value: fabric.queue.queueUrl });
}
