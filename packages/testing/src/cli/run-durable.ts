#!/usr/bin/env node
/** The `run-durable` bin: the official testing kit's command, mapped onto `durable-ts run`. */
import { exitWith, main, runDurableArgs } from "./cli.js";

// The AWS SDK's documented switch: no Node-version notice in this tool's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
await exitWith(await main(runDurableArgs(process.argv.slice(2))));
