/** The console's calls to the local server's `/console/api/` (same origin, JSON both ways). */
/// <reference lib="dom" />

/** The JSON shapes the server answers (timestamps as ISO strings). */
export interface Overview {
  functions: string[];
  skipTime: boolean;
  now: number;
}

export interface ExecutionSummary {
  arn: string;
  name: string;
  functionName: string;
  status: string;
  startTimestamp?: string;
  endTimestamp?: string;
  durationMs?: number;
  invocations: number;
}

export interface ErrorObject {
  ErrorType?: string;
  ErrorMessage?: string;
  ErrorData?: string;
  StackTrace?: string[];
}

export interface Operation {
  Id: string;
  ParentId?: string;
  Name?: string;
  Type: string;
  SubType?: string;
  Status: string;
  StartTimestamp?: string;
  EndTimestamp?: string;
  ExecutionDetails?: { InputPayload?: string };
  StepDetails?: { Attempt?: number; NextAttemptTimestamp?: string; Result?: string; Error?: ErrorObject };
  WaitDetails?: { ScheduledEndTimestamp?: string };
  CallbackDetails?: { CallbackId?: string; Result?: string; Error?: ErrorObject };
  ContextDetails?: { Result?: string; Error?: ErrorObject; ReplayChildren?: boolean };
  ChainedInvokeDetails?: { Result?: string; Error?: ErrorObject };
}

export interface HistoryEvent {
  EventId: number;
  EventType: string;
  EventTimestamp: string;
  SubType?: string;
  Name?: string;
  Id?: string;
  ParentId?: string;
  [details: string]: unknown;
}

export interface InvocationEnding {
  requestId: string;
  startMs?: number;
  endMs?: number;
  durationMs?: number;
  outcome: string;
  reason: string;
}

export interface ExecutionDetail extends ExecutionSummary {
  input?: string;
  result?: string;
  error?: ErrorObject;
  operations: Operation[];
  events: HistoryEvent[];
  invocationEndings: InvocationEnding[];
  nextTimerMs?: number;
}

async function answer<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === "" ? {} : JSON.parse(text);
  } catch {
    body = { message: text };
  }
  if (!response.ok) throw new Error((body as { message?: string }).message ?? `HTTP ${response.status}`);
  return body as T;
}

const API = "/console/api";

export function getJson<T>(path: string): Promise<T> {
  return fetch(`${API}${path}`, { headers: { accept: "application/json" } }).then((r) => answer<T>(r));
}

export function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return fetch(`${API}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => answer<T>(r));
}

/** `/executions/<arn>` with the ARN as one path segment. */
export function executionPath(arn: string, suffix = ""): string {
  return `/executions/${encodeURIComponent(arn)}${suffix}`;
}

/** The URL of an execution's history fixture (a download). */
export function fixtureUrl(arn: string): string {
  return `${API}${executionPath(arn, "/fixture")}`;
}

type Listener = (arns: string[]) => void;
const listeners = new Set<Listener>();
let source: EventSource | undefined;

/** Calls `listener` with the executions that changed, from the server's event stream (no polling). */
export function onChange(listener: Listener): () => void {
  listeners.add(listener);
  if (!source) {
    source = new EventSource(`${API}/events`);
    source.addEventListener("change", (event) => {
      const { arns } = JSON.parse((event as MessageEvent<string>).data) as { arns: string[] };
      for (const l of listeners) l(arns);
    });
  }
  return () => listeners.delete(listener);
}
