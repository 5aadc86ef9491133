/**
 * The operation tree: child contexts, map items and parallel branches nested under their parent
 * and collapsible, each with a bar on the execution's timeline, its attempts, a wait's wake-up
 * time, and (expanded) its input, result and error as formatted JSON.
 */
/// <reference lib="dom" />
import { useState } from "preact/hooks";
import type { Operation } from "./api.js";
import { CallbackForm } from "./callback-form.js";
import { duration, errorText, ms, prettyJson, time } from "./format.js";
import { html } from "./html.js";

interface Span {
  start: number;
  end: number;
}

function Json({ label, text }: { label: string; text: string | undefined }) {
  if (text === undefined || text === "") return null;
  return html`<div class="json">
    <span class="label">${label}</span>
    <pre>${prettyJson(text)}</pre>
  </div>`;
}

function ErrorBlock({ error }: { error: Operation["StepDetails"] extends infer D ? (D extends { Error?: infer E } ? E : never) : never }) {
  if (!error) return null;
  return html`<div class="json">
    <span class="label">Error</span>
    <pre class="error">
${errorText(error)}${error.ErrorData ? `\n${prettyJson(error.ErrorData)}` : ""}${error.StackTrace?.length ? `\n${error.StackTrace.join("\n")}` : ""}</pre>
  </div>`;
}

function details(op: Operation) {
  const result = op.StepDetails?.Result ?? op.ContextDetails?.Result ?? op.CallbackDetails?.Result ?? op.ChainedInvokeDetails?.Result;
  const error = op.StepDetails?.Error ?? op.ContextDetails?.Error ?? op.CallbackDetails?.Error ?? op.ChainedInvokeDetails?.Error;
  return html`<div class="op-details">
    <div class="muted">id ${op.Id}${op.ParentId ? ` · parent ${op.ParentId}` : ""} · ${op.Type}${op.SubType ? ` / ${op.SubType}` : ""}</div>
    ${op.StepDetails?.NextAttemptTimestamp && op.Status === "PENDING" && html`<div>Next attempt at ${time(op.StepDetails.NextAttemptTimestamp)}</div>`}
    ${op.WaitDetails?.ScheduledEndTimestamp && html`<div>Wakes up at ${time(op.WaitDetails.ScheduledEndTimestamp)}</div>`}
    ${op.CallbackDetails?.CallbackId && html`<div>Callback id <code data-testid="callback-id">${op.CallbackDetails.CallbackId}</code></div>`}
    <${Json} label="Input" text=${op.ExecutionDetails?.InputPayload} />
    <${Json} label="Result" text=${result} />
    <${ErrorBlock} error=${error} />
    ${op.Type === "CALLBACK" && op.Status === "STARTED" && op.CallbackDetails?.CallbackId && html`<${CallbackForm} callbackId=${op.CallbackDetails.CallbackId} />`}
  </div>`;
}

function Node({ op, depth, children, span, now }: { op: Operation; depth: number; children: Map<string, Operation[]>; span: Span; now: number }) {
  const kids = children.get(op.Id) ?? [];
  const waiting = op.Type === "CALLBACK" && op.Status === "STARTED";
  const [open, setOpen] = useState(kids.length > 0 ? kids.length <= 10 : false);
  const [showDetails, setShowDetails] = useState(waiting);
  const start = ms(op.StartTimestamp) ?? span.start;
  const end = ms(op.EndTimestamp) ?? now;
  const total = Math.max(1, span.end - span.start);
  const left = Math.min(100, Math.max(0, ((start - span.start) / total) * 100));
  const width = Math.max(0.5, Math.min(100 - left, ((end - start) / total) * 100));
  const label = op.Name ?? (op.Type === "CALLBACK" ? "callback" : (op.SubType ?? op.Type));
  return html` <li class="op" data-testid="operation" data-name=${op.Name ?? ""} data-type=${op.Type} data-status=${op.Status}>
    <div class="op-row" style=${{ paddingLeft: `${depth * 16}px` }}>
      <button class="toggle" aria-label=${open ? "collapse" : "expand"} disabled=${kids.length === 0} onClick=${() => setOpen(!open)}>
        ${kids.length === 0 ? "" : open ? "▾" : "▸"}
      </button>
      <button class="op-name" onClick=${() => setShowDetails(!showDetails)}>${label}</button>
      <span class="kind">${op.SubType ?? op.Type}</span>
      <span class=${`badge status-${op.Status.toLowerCase()}`}>${op.Status}</span>
      <span class="num">${op.StepDetails?.Attempt ? `attempt ${op.StepDetails.Attempt}` : ""}</span>
      <span class="timeline"><span class=${`bar status-${op.Status.toLowerCase()}`} style=${{ left: `${left}%`, width: `${width}%` }}></span></span>
      <span class="num">${op.EndTimestamp ? duration(end - start) : ""}</span>
      ${kids.length > 0 && html`<span class="muted">${kids.length} ${kids.length === 1 ? "child" : "children"}</span>`}
    </div>
    ${showDetails && details(op)}
    ${
      open &&
      kids.length > 0 &&
      html`<ul>
        ${kids.map((kid) => html`<${Node} key=${kid.Id} op=${kid} depth=${depth + 1} children=${children} span=${span} now=${now} />`)}
      </ul>`
    }
  </li>`;
}

export function OperationTree({ operations, span, now }: { operations: Operation[]; span: Span; now: number }) {
  const ids = new Set(operations.map((op) => op.Id));
  const children = new Map<string, Operation[]>();
  const roots: Operation[] = [];
  for (const op of operations) {
    if (op.Type === "EXECUTION") continue;
    if (op.ParentId !== undefined && ids.has(op.ParentId) && operations.find((p) => p.Id === op.ParentId)?.Type !== "EXECUTION") {
      const list = children.get(op.ParentId) ?? [];
      list.push(op);
      children.set(op.ParentId, list);
    } else roots.push(op);
  }
  if (roots.length === 0) return html`<p class="muted">No operations yet.</p>`;
  return html`<ul class="tree" data-testid="operation-tree">
    ${roots.map((op) => html`<${Node} key=${op.Id} op=${op} depth=${0} children=${children} span=${span} now=${now} />`)}
  </ul>`;
}
