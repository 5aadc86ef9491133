/** `durable-ts history <arn>`: the execution's status and its history events. */
import { GetDurableExecutionCommand, GetDurableExecutionHistoryCommand, type Event } from "@aws-sdk/client-lambda";
import { parseArgs } from "node:util";
import { CliError, usageError } from "../errors.js";
import { formatError, historyTable } from "../format.js";
import type { CliIO } from "../io.js";
import { cliLambdaClient } from "../lambda-client.js";

export const HISTORY_USAGE = "durable-ts history <arn> [--json] [--endpoint <url>] [--aws] [--region <r>]";

export async function historyCommand(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: "boolean" }, endpoint: { type: "string" }, aws: { type: "boolean" }, region: { type: "string" } },
    });
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\nusage: ${HISTORY_USAGE}`);
  }
  const [arn, ...extra] = parsed.positionals;
  if (!arn || extra.length > 0) throw usageError(`history expects one execution ARN\nusage: ${HISTORY_USAGE}`);
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
      io.out(`Status: ${execution.Status}${execution.Status === "SUCCEEDED" ? `  Result: ${execution.Result ?? "(none)"}` : execution.Status === "RUNNING" ? "" : `  Error: ${formatError(execution.Error)}`}`);
      io.out("");
      io.out(historyTable(events));
    }
  } catch (error) {
    throw new CliError(`${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}`);
  } finally {
    client.destroy();
  }
  return 0;
}
