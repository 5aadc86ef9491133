/** Starts an execution of a served function with a JSON payload and an optional name. */
/// <reference lib="dom" />
import { useState } from "preact/hooks";
import { executionPath, postJson } from "./api.js";
import { jsonProblem } from "./format.js";
import { html } from "./html.js";

export function StartForm({ functions }: { functions: string[] }) {
  const [fn, setFn] = useState("");
  const [name, setName] = useState("");
  const [payload, setPayload] = useState("{}");
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const chosen = fn || functions[0] || "";
  const invalid = jsonProblem(payload);
  const start = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const { arn } = await postJson<{ arn: string }>(`/functions/${encodeURIComponent(chosen)}/executions`, { payload, name });
      setProblem(undefined);
      location.hash = `#${executionPath(arn)}`;
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (functions.length === 0)
    return html`<p class="muted">No functions are served: start the server with <code>--function name=file</code> to run executions from here.</p>`;
  return html` <form class="start" data-testid="start-form" onSubmit=${start}>
    <strong>Start an execution</strong>
    <label
      >Function
      <select data-testid="start-function" value=${chosen} onChange=${(e: Event) => setFn((e.target as HTMLSelectElement).value)}>
        ${functions.map((f) => html`<option value=${f}>${f}</option>`)}
      </select></label
    >
    <label>Name <input data-testid="start-name" placeholder="optional" value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} /></label>
    <label class="grow"
      >Payload (JSON)
      <textarea data-testid="start-payload" rows="2" value=${payload} onInput=${(e: Event) => setPayload((e.target as HTMLTextAreaElement).value)}></textarea>
    </label>
    <button type="submit" data-testid="start-submit" disabled=${busy || invalid !== undefined || !chosen}>Start</button>
    ${invalid && html`<span class="error">Payload is not JSON: ${invalid}</span>`} ${problem && html`<span class="error">${problem}</span>`}
  </form>`;
}
