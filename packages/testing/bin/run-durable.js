#!/usr/bin/env node
// The `run-durable` bin: the official testing kit's command, mapped onto `durable-ts run`.
import { loadCli } from "./load-cli.js";

const { exitWith, main, runDurableArgs } = await loadCli();
await exitWith(await main(runDurableArgs(process.argv.slice(2))));
