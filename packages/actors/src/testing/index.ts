/**
 * @durable-ts/actors/testing: the actor test harness. It lives here rather than in
 * @durable-ts/testing so that the testing package does not depend on actors at run time.
 */
export { createActorHarness, type ActorHarness, type ActorHarnessOptions } from "./harness.js";
export { ManualClock } from "./manual-clock.js";
