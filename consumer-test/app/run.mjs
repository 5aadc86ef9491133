// ESM JavaScript: import both packages and run the workflow.
import * as sdk from "@durable-ts/sdk";
import * as testing from "@durable-ts/testing";
import { runAndCheck } from "./workflow-body.cjs";

await runAndCheck(sdk, testing, "ESM");
console.log("ESM workflow: SUCCEEDED");
