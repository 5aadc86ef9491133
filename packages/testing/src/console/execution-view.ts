/** One execution: its outcome, actions, operation tree, invocations and history events. */
/// <reference lib="dom" />
import { useEffect, useState } from "preact/hooks";
import { executionPath, fixtureUrl, getJson, postJson, type ExecutionDetail, type HistoryEvent, type Overview } from "./api.js";
import { StatusBadge, useLive } from "./widgets.js";
import { duration, errorText, ms, prettyJson, time } from "./format.js";
import { html } from "./html.js";
import { OperationTree } from "./operation-tree.js";

function eventDetails(event: HistoryEvent): string {
  const details = event[`${event.EventType}Details`];
  return details === undefined ? "" : JSON.stringify(details, null, 2);
}

function Actions({ execution, overview, onProblem }: { execution: ExecutionDetail; overview: Overview | undefined; onProblem: (text: string | undefined) => void }) {
  const act = (path: string) =>
    postJson(executionPath(execution.arn, path)).then(
      () => onProblem(undefined),
      (error: Error) => onProblem(error.message),
    );
  const running = execution.status === "RUNNING";
  return html`<div class="actions">
    ${running && html`<button class="danger" data-testid="stop" onClick=${() => confirm("Stop this execution?") && act("/stop")}>Stop execution</button>`}
    ${
      running &&
      overview &&
      !overview.skipTime &&
      execution.nextTimerMs !== undefined &&
      html`<button data-testid="skip-timer" onClick=${() => act("/skip-timer")}>Skip to next timer (${time(execution.nextTimerMs)})</button>`
    }
    <a class="button" data-testid="download-fixture" href=${fixtureUrl(execution.arn)} download>Download history fixture</a>
  </div>`;
}

export function ExecutionView({ arn, overview }: { arn: string; overview: Overview | undefined }) {
  const [execution, setExecution] = useState<ExecutionDetail | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const version = useLive(arn);
  useEffect(() => {
    getJson<ExecutionDetail>(executionPath(arn)).then(setExecution, (error: Error) => setProblem(error.message));
  }, [arn, version]);
  if (!execution) return html`<p class=${problem ? "error" : "muted"}>${problem ?? "Loading…"}</p>`;
  const start = ms(execution.startTimestamp) ?? Date.now();
  const now = execution.endTimestamp ? (ms(execution.endTimestamp) ?? Date.now()) : Math.max(Date.now(), start);
  return html` <section class="execution">
    <p><a href="#/">← executions</a></p>
    <h1><span data-testid="execution-name">${execution.name}</span> <${StatusBadge} status=${execution.status} /></h1>
    <p class="muted">
      ${execution.functionName} · started ${time(execution.startTimestamp)}${execution.endTimestamp ? ` · ended ${time(execution.endTimestamp)}` : ""} ·
      ${duration(execution.durationMs)} · ${execution.invocations} invocations
    </p>
    <p class="muted arn">${execution.arn}</p>
    <${Actions} execution=${execution} overview=${overview} onProblem=${setProblem} />
    ${problem && html`<p class="error">${problem}</p>`}
    <div class="outcome">
      ${
        execution.input !== undefined &&
        html`<div class="json">
          <span class="label">Input</span>
          <pre data-testid="execution-input">${prettyJson(execution.input)}</pre>
        </div>`
      }
      ${
        execution.result !== undefined &&
        html`<div class="json">
          <span class="label">Result</span>
          <pre data-testid="execution-result">${prettyJson(execution.result)}</pre>
        </div>`
      }
      ${
        execution.error &&
        html`<div class="json">
          <span class="label">Error</span>
          <pre class="error" data-testid="execution-error">${errorText(execution.error)}</pre>
        </div>`
      }
    </div>
    <h2>Operations</h2>
    <${OperationTree} operations=${execution.operations} span=${{ start, end: now }} now=${now} />
    <h2>Invocations</h2>
    <table class="list" data-testid="invocations">
      <thead>
        <tr>
          <th>#</th>
          <th>Started</th>
          <th>Duration</th>
          <th>Why it ended</th>
        </tr>
      </thead>
      <tbody>
        ${execution.invocationEndings.map(
          (inv, i) =>
            html`<tr>
              <td class="num">${i + 1}</td>
              <td>${time(inv.startMs)}</td>
              <td>${duration(inv.durationMs)}</td>
              <td data-testid="invocation-reason">${inv.reason}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>History events</h2>
    <table class="list events" data-testid="history">
      <thead>
        <tr>
          <th>#</th>
          <th>Time</th>
          <th>Event</th>
          <th>Name</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        ${execution.events.map(
          (event) =>
            html`<tr>
              <td class="num">${event.EventId}</td>
              <td>${time(event.EventTimestamp)}</td>
              <td>${event.EventType}</td>
              <td>${event.Name ?? ""}</td>
              <td>
                ${
                  eventDetails(event) &&
                  html`<details>
                    <summary>details</summary>
                    <pre>${eventDetails(event)}</pre>
                  </details>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
