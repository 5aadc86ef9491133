/**
 * `durable-ts run <file>`: runs a durable handler locally on the in-memory service (time skipping
 * unless `--real-time`), then prints the operations table and the outcome on stdout. What the
 * handler logs while it runs goes to stderr, so stdout stays the report.
 */
import type { Operation } from "@aws-sdk/client-lambda";
import type { DurableLambdaHandler } from "@durable-ts/sdk";
import { LocalDurableTestRunner } from "../../runners/index.js";
import type { CallbackResponder } from "../../runners/responders.js";
import { invocationEndings } from "../../format/invocation-endings.js";
import { booleanValue, commandUsageHint, EXPORT_OPTION, integerValue, listValue, stringValue, type CommandSpec, type ParsedCommand } from "../args.js";
import { CliError, parseJsonArgument, usageError } from "../errors.js";
import { formatError, historyTable, operationsTable } from "../format.js";
import type { CliIO } from "../io.js";
import { loadHandler } from "../load-handler.js";
import { parseFunctionOption } from "./function-option.js";

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

/** Runs `body` with everything written to stdout (the SDK's default logger, console.log) sent to stderr. */
async function stdoutToStderr<T>(body: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return await body();
  } finally {
    process.stdout.write = write;
  }
}

/** The callbacks still waiting for an answer, by the name `--callback` matches (the waitForCallback's name for its callback). */
function pendingCallbacks(operations: Operation[]): string[] {
  const byId = new Map(operations.map((op) => [op.Id, op]));
  return operations
    .filter((op) => op.Type === "CALLBACK" && op.Status === "STARTED")
    .map((op) => op.Name ?? (op.ParentId !== undefined ? byId.get(op.ParentId)?.Name : undefined) ?? `(unnamed, id ${op.Id})`);
}

async function runCommand(parsed: ParsedCommand, io: CliIO): Promise<number> {
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) throw usageError(`run expects exactly one handler file\n${commandUsageHint(RUN)}`);
  const inputText = stringValue(parsed, "input");
  const payload = inputText === undefined ? undefined : parseJsonArgument(inputText, "--input");
  const timeoutMs = integerValue(parsed, "timeout", { min: 1, max: 2_147_483_647 }) ?? 30_000;
  const executionTimeout = integerValue(parsed, "execution-timeout", { min: 1, max: 31_622_400 });
  const callbacks = Object.fromEntries(listValue(parsed, "callback").map(parseCallbackOption));
  const targets = listValue(parsed, "function").map(parseFunctionOption);
  const { handler } = await loadHandler(file, stringValue(parsed, "export"), io.cwd);

  const runner = new LocalDurableTestRunner({
    handlerFunction: handler as DurableLambdaHandler,
    skipTime: !booleanValue(parsed, "real-time"),
    callbacks,
    ...(executionTimeout !== undefined ? { executionTimeout: { seconds: executionTimeout } } : {}),
  });
  for (const target of targets) {
    const loaded = await loadHandler(target.file, target.exportName, io.cwd);
    runner.registerDurableFunction(target.name, loaded.handler as DurableLambdaHandler);
  }
  let result;
  try {
    result = await stdoutToStderr(() => runner.run({ payload, timeoutMs }));
  } catch (error) {
    const arn = runner.backend.listExecutionArns()[0];
    const waiting = arn === undefined ? [] : pendingCallbacks(runner.backend.getOperations(arn));
    const hint =
      waiting.length > 0
        ? `\nStill waiting for ${waiting.length === 1 ? "callback" : "callbacks"} ${waiting.map((name) => JSON.stringify(name)).join(", ")}. Answer ${waiting.length === 1 ? "it" : "them"} with ${waiting.map((name) => `--callback '${name}=<json>|fail|timeout'`).join(" ")}, or raise --timeout (now ${timeoutMs} ms).`
        : "";
    throw new CliError(`The execution did not finish: ${error instanceof Error ? error.message : String(error)}${hint}`);
  }
  const executionArn = runner.backend.listExecutionArns()[0];
  if (executionArn === undefined) throw new CliError("The run finished without an execution on the local backend");
  const operations = runner.backend.getOperations(executionArn).filter((op) => op.Type !== "EXECUTION");
  const execution = await runner.backend.getDurableExecution({ DurableExecutionArn: executionArn });
  const history = result.getHistoryEvents();

  if (booleanValue(parsed, "json")) {
    const body = {
      executionArn,
      status: execution.Status,
      result: execution.Result,
      error: execution.Error,
      operations,
      ...(booleanValue(parsed, "history") ? { history } : {}),
    };
    io.out(JSON.stringify(body, null, 2));
  } else {
    io.out(operationsTable(operations));
    if (booleanValue(parsed, "verbose")) {
      io.out("");
      for (const ending of invocationEndings(history)) io.out(`invocation ${ending.requestId}: ${ending.reason}`);
    }
    if (booleanValue(parsed, "history")) io.out(`\n${historyTable(history)}`);
    io.out("");
    io.out(`Status: ${execution.Status}`);
    if (execution.Status === "SUCCEEDED") io.out(`Result: ${execution.Result ?? "(none)"}`);
    else io.out(`Error: ${formatError(execution.Error)}`);
  }
  return execution.Status === "SUCCEEDED" ? 0 : 1;
}

export const RUN: CommandSpec = {
  name: "run",
  summary: "Run a durable handler once on an in-memory service and print its operations and outcome",
  positionals: "<file>",
  options: [
    EXPORT_OPTION,
    { name: "input", type: "string", placeholder: "<json>", description: "The event (JSON)" },
    {
      name: "callback",
      type: "string",
      multiple: true,
      placeholder: "<name>=<json>|fail|timeout",
      description: "Answer the callback of that name: a JSON result, a failure, or a timeout",
    },
    { name: "function", type: "string", multiple: true, placeholder: "<name>=<file>[#export]", description: "Register a durable handler as a context.invoke target" },
    { name: "real-time", type: "boolean", description: "Let waits and retries take real time (default: skip time)" },
    { name: "execution-timeout", type: "string", placeholder: "<seconds>", description: "Execution timeout in seconds (default: the test runner's)" },
    { name: "timeout", type: "string", placeholder: "<ms>", description: "Give up after this much real time (default 30000)" },
    { name: "history", type: "boolean", description: "Also print the history events" },
    { name: "verbose", type: "boolean", description: "Also list the invocations and why each ended" },
    { name: "json", type: "boolean", description: "Print one JSON document instead of tables" },
  ],
  notes: ["Log lines of the handler go to stderr; the table and the outcome go to stdout. Exit 1 when the execution did not succeed."],
  run: runCommand,
};
