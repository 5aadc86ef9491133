/** `durable-ts history <arn>`: the execution's status and its history events. */
import { GetDurableExecutionCommand, GetDurableExecutionHistoryCommand, type Event } from "@aws-sdk/client-lambda";
import { commandUsageHint, ENDPOINT_OPTIONS, type CommandSpec, type ParsedCommand } from "../args.js";
import { usageError } from "../errors.js";
import { formatError, historyTable } from "../format.js";
import type { CliIO } from "../io.js";
import { cliLambdaClient, serviceError } from "../lambda-client.js";

async function historyCommand(parsed: ParsedCommand, io: CliIO): Promise<number> {
  const [arn, ...extra] = parsed.positionals;
  if (!arn || extra.length > 0) throw usageError(`history expects one execution ARN\n${commandUsageHint(HISTORY)}`);
  const client = cliLambdaClient(parsed.values, io.env);
  try {
    const execution = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    const events: Event[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, Marker: marker, MaxItems: 1000 }));
      events.push(...(page.Events ?? []));
      marker = page.NextMarker;
    } while (marker);
    if (parsed.values.json) {
      const { $metadata: _metadata, ...description } = execution;
      io.out(JSON.stringify({ execution: description, events }, null, 2));
    } else {
      io.out(`${execution.DurableExecutionName} (${execution.DurableExecutionArn})`);
      io.out(
        `Status: ${execution.Status}${execution.Status === "SUCCEEDED" ? `  Result: ${execution.Result ?? "(none)"}` : execution.Status === "RUNNING" ? "" : `  Error: ${formatError(execution.Error)}`}`,
      );
      io.out("");
      io.out(historyTable(events));
    }
  } catch (error) {
    throw serviceError(error, client);
  } finally {
    client.destroy();
  }
  return 0;
}

export const HISTORY: CommandSpec = {
  name: "history",
  summary: "Print an execution's status and its history events",
  positionals: "<arn>",
  options: [{ name: "json", type: "boolean", description: "Print {execution, events} as JSON instead of a table" }, ...ENDPOINT_OPTIONS],
  run: historyCommand,
};
