#!/usr/bin/env node
// The `durable-ts` bin. This file is committed, not built, so that npm links the bin when it
// installs the workspace, before `npm run build` has produced dist/.
import { loadCli } from "./load-cli.js";

const { exitWith, main } = await loadCli();
await exitWith(await main(process.argv.slice(2)));
