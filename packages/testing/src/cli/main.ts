#!/usr/bin/env node
/** The `durable-ts` bin. */
import { exitWith, main } from "./cli.js";

await exitWith(await main(process.argv.slice(2)));
