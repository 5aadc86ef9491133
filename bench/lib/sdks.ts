/**
 * The two SDKs under test, loaded on demand so a child process only ever holds the one it measures
 * (memory and cold-start figures depend on it).
 */
import { readFileSync } from "node:fs";
import { REPO_ROOT } from "./child-io.js";
import type { Workload } from "./workloads.js";

export const SDK_IDS = ["ours", "official"] as const;
export type SdkId = (typeof SDK_IDS)[number];

/** A Lambda handler as both SDKs build it: `(event, lambdaContext) => answer`. */
export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

export interface BenchSdk {
  id: SdkId;
  /** `withDurableExecution(workload)` of that SDK. */
  wrap(workload: Workload): LambdaHandler;
}

export async function loadSdk(id: SdkId): Promise<BenchSdk> {
  if (id === "ours") {
    const sdk = await import("@durable-ts/sdk");
    return { id, wrap: (workload) => sdk.withDurableExecution(workload as never) as LambdaHandler };
  }
  const sdk = await import("@aws/durable-execution-sdk-js");
  return { id, wrap: (workload) => sdk.withDurableExecution(workload as never) as LambdaHandler };
}

export function parseSdkId(value: unknown): SdkId {
  if (value === "ours" || value === "official") return value;
  throw new TypeError(`sdk: expected "ours" or "official", received ${JSON.stringify(value)}`);
}

/** Versions of everything a figure depends on, for the report header. */
export function versions(): Record<string, string> {
  const read = (path: string) => (JSON.parse(readFileSync(`${REPO_ROOT}${path}`, "utf8")) as { version: string }).version;
  return {
    "@durable-ts/sdk": read("packages/sdk/package.json"),
    "@durable-ts/testing": read("packages/testing/package.json"),
    "@aws/durable-execution-sdk-js": read("node_modules/@aws/durable-execution-sdk-js/package.json"),
    "@aws/durable-execution-sdk-js-testing": read("node_modules/@aws/durable-execution-sdk-js-testing/package.json"),
    "@aws-sdk/client-lambda": read("node_modules/@aws-sdk/client-lambda/package.json"),
    esbuild: read("node_modules/esbuild/package.json"),
    tsx: read("node_modules/tsx/package.json"),
  };
}
