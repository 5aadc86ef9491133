#!/usr/bin/env node
/** The `durable-ts` bin. */
import { exitWith, main } from "./cli.js";

// The AWS SDK's documented switch: no Node-version notice in this tool's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
await exitWith(await main(process.argv.slice(2)));
