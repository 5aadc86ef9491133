/** Answers a waiting callback: success with a JSON result, failure with an error, or a heartbeat. */
/// <reference lib="dom" />
import { useState } from "preact/hooks";
import { postJson } from "./api.js";
import { jsonProblem } from "./format.js";
import { html } from "./html.js";

export function CallbackForm({ callbackId }: { callbackId: string }) {
  const [result, setResult] = useState("");
  const [errorType, setErrorType] = useState("");
  const [errorMessage, setErrorMessage] = useState("");
  const [note, setNote] = useState<{ ok: boolean; text: string } | undefined>();
  const invalid = jsonProblem(result);
  const send = async (action: "succeed" | "fail" | "heartbeat") => {
    const body = action === "succeed" ? { result } : action === "fail" ? { errorType, errorMessage } : {};
    try {
      await postJson(`/callbacks/${encodeURIComponent(callbackId)}/${action}`, body);
      setNote({ ok: true, text: action === "heartbeat" ? "Heartbeat sent" : `Callback ${action === "succeed" ? "succeeded" : "failed"}` });
    } catch (error) {
      setNote({ ok: false, text: (error as Error).message });
    }
  };
  return html` <div class="callback-form" data-testid="callback-form">
    <label
      >Result (JSON)
      <textarea
        data-testid="callback-result"
        rows="3"
        placeholder='{"approved": true}'
        value=${result}
        onInput=${(e: Event) => setResult((e.target as HTMLTextAreaElement).value)}
      ></textarea>
    </label>
    ${invalid && html`<span class="error" data-testid="callback-json-error">Not JSON: ${invalid}</span>`}
    <div class="row">
      <button data-testid="callback-succeed" disabled=${invalid !== undefined} onClick=${() => send("succeed")}>Send success</button>
      <button data-testid="callback-heartbeat" onClick=${() => send("heartbeat")}>Heartbeat</button>
    </div>
    <div class="row">
      <input data-testid="callback-error-type" placeholder="ErrorType" value=${errorType} onInput=${(e: Event) => setErrorType((e.target as HTMLInputElement).value)} />
      <input
        data-testid="callback-error-message"
        placeholder="ErrorMessage"
        value=${errorMessage}
        onInput=${(e: Event) => setErrorMessage((e.target as HTMLInputElement).value)}
      />
      <button data-testid="callback-fail" class="danger" onClick=${() => send("fail")}>Send failure</button>
    </div>
    ${note && html`<span class=${note.ok ? "ok" : "error"}>${note.text}</span>`}
  </div>`;
}
