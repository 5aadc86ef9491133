/** `durable-ts callback succeed|fail|heartbeat <id> [json]`: completes or keeps alive a callback. */
import {
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
  type ErrorObject,
} from "@aws-sdk/client-lambda";
import { commandUsageHint, ENDPOINT_OPTIONS, type CommandSpec, type ParsedCommand } from "../args.js";
import { parseJsonArgument, usageError } from "../errors.js";
import type { CliIO } from "../io.js";
import { cliLambdaClient, serviceError } from "../lambda-client.js";

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

async function callbackCommand(parsed: ParsedCommand, io: CliIO): Promise<number> {
  const [action, callbackId, json, ...extra] = parsed.positionals;
  if (!["succeed", "fail", "heartbeat"].includes(action ?? "")) throw usageError(`callback expects succeed, fail or heartbeat\n${commandUsageHint(CALLBACK)}`);
  if (!callbackId) throw usageError(`callback ${action} expects a callback id\n${commandUsageHint(CALLBACK)}`);
  if (extra.length > 0 || (action === "heartbeat" && json !== undefined)) throw usageError(`Too many arguments\n${commandUsageHint(CALLBACK)}`);
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
    throw serviceError(error, client);
  } finally {
    client.destroy();
  }
  return 0;
}

export const CALLBACK: CommandSpec = {
  name: "callback",
  summary: "Complete a callback (succeed or fail) or keep it alive (heartbeat) on a running service",
  positionals: "succeed <id> [json] | fail <id> [json] | heartbeat <id>",
  options: ENDPOINT_OPTIONS,
  dashedPositionals: true,
  notes: [
    "succeed sends the JSON text as the result bytes; fail takes an ErrorObject",
    '({"ErrorType":"Rejected","ErrorMessage":"..."}) or a JSON string (the message).',
  ],
  run: callbackCommand,
};
