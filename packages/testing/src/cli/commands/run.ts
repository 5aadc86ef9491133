/**
 * `durable-ts run <file>`: runs a durable handler locally on the in-memory service (time skipping
 * unless `--real-time`), then prints the operations table and the outcome.
 */
import { parseArgs } from "node:util";
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "../../runners/index.js";
import type { CallbackResponder } from "../../runners/responders.js";
import { CliError, parseJsonArgument, usageError } from "../errors.js";
import { formatError, historyTable, operationsTable } from "../format.js";
import type { CliIO } from "../io.js";
import { loadHandler } from "../load-handler.js";

export const RUN_USAGE = "durable-ts run <file> [--export h] [--input <json>] [--real-time] [--callback <name>=<json>|fail|timeout]... [--history] [--json] [--timeout <ms>]";

/** `--callback name=value`: `fail`, `timeout`, or the JSON result text to send. */
export function parseCallbackOption(option: string): [string, CallbackResponder] {
  const eq = option.indexOf("=");
  if (eq <= 0) throw usageError(`--callback expects <name>=<json>|fail|timeout, received ${JSON.stringify(option)}`);
  const name = option.slice(0, eq);
  const value = option.slice(eq + 1);
  if (value === "fail") return [name, { failure: { ErrorType: "CallbackFailed", ErrorMessage: `Failed by durable-ts run --callback ${name}=fail` } }];
  if (value === "timeout") return [name, { timeout: true }];
  parseJsonArgument(value, `--callback ${name}`);
  return [name, { success: value }]; // sent as given: the raw JSON text
}

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        export: { type: "string" },
        input: { type: "string" },
        "real-time": { type: "boolean" },
        callback: { type: "string", multiple: true },
        history: { type: "boolean" },
        json: { type: "boolean" },
        timeout: { type: "string" },
        verbose: { type: "boolean" },
      },
    });
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\nusage: ${RUN_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw usageError(`run expects exactly one handler file\nusage: ${RUN_USAGE}`);
  const payload = values.input === undefined ? undefined : parseJsonArgument(values.input, "--input");
  const timeoutMs = values.timeout === undefined ? 30_000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw usageError(`--timeout expects milliseconds, received ${JSON.stringify(values.timeout)}`);
  const callbacks = Object.fromEntries((values.callback ?? []).map(parseCallbackOption));
  const { handler } = await loadHandler(positionals[0], values.export, io.cwd);

  const runner = new LocalDurableTestRunner({ handlerFunction: handler as DurableLambdaHandler, skipTime: !values["real-time"], callbacks });
  let result;
  try {
    result = await runner.run({ payload, timeoutMs });
  } catch (error) {
    throw new CliError(`The execution did not finish: ${error instanceof Error ? error.message : String(error)}`);
  }
  const executionArn = runner.backend.listExecutionArns()[0];
  const operations = runner.backend.getOperations(executionArn).filter((op) => op.Type !== "EXECUTION");
  const execution = await runner.backend.getDurableExecution({ DurableExecutionArn: executionArn });
  const history = values.history || values.json ? (await runner.backend.getDurableExecutionHistory({ DurableExecutionArn: executionArn, MaxItems: 1000 })).Events ?? [] : [];

  if (values.json) {
    io.out(
      JSON.stringify(
        { executionArn, status: execution.Status, result: execution.Result, error: execution.Error, operations, ...(values.history ? { history } : {}) },
        null,
        2,
      ),
    );
  } else {
    io.out(operationsTable(operations));
    if (values.verbose) {
      io.out("");
      for (const invocation of result.getInvocations()) io.out(`invocation ${invocation.requestId}: ${invocation.status ?? "running"}${invocation.error ? ` (${invocation.error.errorType}: ${invocation.error.errorMessage})` : ""}`);
    }
    if (values.history) io.out(`\n${historyTable(history)}`);
    io.out("");
    io.out(`Status: ${execution.Status}`);
    if (execution.Status === "SUCCEEDED") io.out(`Result: ${execution.Result ?? "(none)"}`);
    else io.out(`Error: ${formatError(execution.Error)}`);
  }
  return execution.Status === "SUCCEEDED" ? 0 : 1;
}
