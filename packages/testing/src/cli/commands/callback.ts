/** `durable-ts callback succeed|fail|heartbeat <id> [json]`: completes or keeps alive a callback. */
import {
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
  type ErrorObject,
} from "@aws-sdk/client-lambda";
import { parseArgs } from "node:util";
import { CliError, parseJsonArgument, usageError } from "../errors.js";
import type { CliIO } from "../io.js";
import { cliLambdaClient } from "../lambda-client.js";

export const CALLBACK_USAGE = "durable-ts callback succeed <id> [json] | fail <id> [json] | heartbeat <id>   [--endpoint <url>] [--aws] [--region <r>]";

/** A failure argument: an ErrorObject (`ErrorType`, … or `errorType`, …), or a string taken as the message. */
function toErrorObject(value: unknown): ErrorObject {
  if (typeof value === "string") return { ErrorMessage: value };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw usageError(`callback fail expects an ErrorObject such as {"ErrorType":"Rejected","ErrorMessage":"..."} or a JSON string, received ${JSON.stringify(value)}`);
  }
  const v = value as Record<string, unknown>;
  const error: ErrorObject = {};
  const pick = (upper: string, lower: string) => (typeof v[upper] === "string" ? v[upper] : typeof v[lower] === "string" ? v[lower] : undefined) as string | undefined;
  const type = pick("ErrorType", "errorType");
  const message = pick("ErrorMessage", "errorMessage");
  const data = pick("ErrorData", "errorData");
  if (type !== undefined) error.ErrorType = type;
  if (message !== undefined) error.ErrorMessage = message;
  if (data !== undefined) error.ErrorData = data;
  const stack = v.StackTrace ?? v.stackTrace;
  if (Array.isArray(stack)) error.StackTrace = stack.map(String);
  return error;
}

export async function callbackCommand(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { endpoint: { type: "string" }, aws: { type: "boolean" }, region: { type: "string" } },
    });
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\nusage: ${CALLBACK_USAGE}`);
  }
  const [action, callbackId, json, ...extra] = parsed.positionals;
  if (!["succeed", "fail", "heartbeat"].includes(action ?? "")) throw usageError(`callback expects succeed, fail or heartbeat\nusage: ${CALLBACK_USAGE}`);
  if (!callbackId) throw usageError(`callback ${action} expects a callback id\nusage: ${CALLBACK_USAGE}`);
  if (extra.length > 0 || (action === "heartbeat" && json !== undefined)) throw usageError(`Too many arguments\nusage: ${CALLBACK_USAGE}`);
  const client = cliLambdaClient(parsed.values, io.env);
  try {
    if (action === "succeed") {
      if (json !== undefined) parseJsonArgument(json, "The result");
      await client.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId, Result: Buffer.from(json ?? "", "utf8") }));
      io.out(`Callback ${callbackId} succeeded`);
    } else if (action === "fail") {
      const error = json === undefined ? {} : toErrorObject(parseJsonArgument(json, "The error"));
      await client.send(new SendDurableExecutionCallbackFailureCommand({ CallbackId: callbackId, Error: error }));
      io.out(`Callback ${callbackId} failed`);
    } else {
      await client.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: callbackId }));
      io.out(`Callback ${callbackId}: heartbeat sent`);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}`);
  } finally {
    client.destroy();
  }
  return 0;
}
