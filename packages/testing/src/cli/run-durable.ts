#!/usr/bin/env node
/** The `run-durable` bin: the official testing kit's command, mapped onto `durable-ts run`. */
import { exitWith, main, runDurableArgs } from "./cli.js";

await exitWith(await main(runDurableArgs(process.argv.slice(2))));
