/**
 * The web console of `durable-ts serve`: the executions list (`#/`) and one execution
 * (`#/executions/<arn>`). Data comes from `/console/api/`; changes arrive as server-sent events.
 */
/// <reference lib="dom" />
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { executionPath, getJson, type ExecutionSummary, type Overview } from "./api.js";
import { ExecutionView } from "./execution-view.js";
import { duration, time } from "./format.js";
import { html } from "./html.js";
import { StartForm } from "./start-form.js";
import { StatusBadge, useLive } from "./widgets.js";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"];

function ExecutionsList({ overview }: { overview: Overview | undefined }) {
  const [status, setStatus] = useState("");
  const [fn, setFn] = useState("");
  const [rows, setRows] = useState<ExecutionSummary[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const version = useLive();
  useEffect(() => {
    const query = new URLSearchParams();
    if (status) query.set("status", status);
    if (fn) query.set("function", fn);
    getJson<{ executions: ExecutionSummary[] }>(`/executions?${query}`).then(
      (body) => (setRows(body.executions), setProblem(undefined)),
      (error: Error) => setProblem(error.message),
    );
  }, [status, fn, version]);
  return html` <section>
    <${StartForm} functions=${overview?.functions ?? []} />
    <div class="filters">
      <label
        >Status
        <select data-testid="filter-status" value=${status} onChange=${(e: Event) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="">all</option>
          ${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}
        </select></label
      >
      <label
        >Function
        <select data-testid="filter-function" value=${fn} onChange=${(e: Event) => setFn((e.target as HTMLSelectElement).value)}>
          <option value="">all</option>
          ${(overview?.functions ?? []).map((f) => html`<option value=${f}>${f}</option>`)}
        </select></label
      >
    </div>
    ${problem && html`<p class="error">${problem}</p>`}
    <table class="list" data-testid="executions">
      <thead>
        <tr>
          <th>Name</th>
          <th>Function</th>
          <th>Status</th>
          <th>Started</th>
          <th>Ended</th>
          <th>Duration</th>
          <th>Invocations</th>
        </tr>
      </thead>
      <tbody>
        ${(rows ?? []).map(
          (row) =>
            html`<tr data-testid="execution-row" data-name=${row.name}>
              <td><a href=${`#${executionPath(row.arn)}`}>${row.name}</a></td>
              <td>${row.functionName}</td>
              <td><${StatusBadge} status=${row.status} /></td>
              <td>${time(row.startTimestamp)}</td>
              <td>${time(row.endTimestamp)}</td>
              <td>${duration(row.durationMs)}</td>
              <td class="num">${row.invocations}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${rows?.length === 0 && html`<p class="muted">No executions${status || fn ? " match these filters" : " yet: start one above, or invoke a function with the AWS SDK or CLI"}.</p>`}
  </section>`;
}

function currentRoute(): string {
  return location.hash.replace(/^#/, "") || "/";
}

function App() {
  const [route, setRoute] = useState(currentRoute());
  const [overview, setOverview] = useState<Overview | undefined>();
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener("hashchange", update);
    getJson<Overview>("/overview").then(setOverview, () => undefined);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  const match = /^\/executions\/([^/]+)$/.exec(route);
  return html` <header>
      <a class="brand" href="#/">durable-ts console</a>
      <span class="muted">${overview ? (overview.skipTime ? "time skipping on" : "real time") : ""}</span>
    </header>
    <main>${match ? html`<${ExecutionView} arn=${decodeURIComponent(match[1]!)} overview=${overview} />` : html`<${ExecutionsList} overview=${overview} />`}</main>`;
}

render(html`<${App} />`, document.getElementById("app")!);
