/**
 * `@durable-ts/cdk`: AWS CDK constructs for durable functions, actors and streaming endpoints.
 * Notes: docs/deploy.md.
 */
export { DurableFunction, type DurableFunctionProps } from "./durable-function.js";
export { ActorFabric, type ActorFabricProps } from "./actor-fabric.js";
export { StreamingFunction, type StreamingFunctionProps } from "./streaming-function.js";
export { bundledFunction, ESM_REQUIRE_BANNER, type HandlerFunctionOptions } from "./bundling.js";
