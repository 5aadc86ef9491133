/** Pieces shared by the console's views. */
/// <reference lib="dom" />
import { useEffect, useState } from "preact/hooks";
import { onChange } from "./api.js";
import { html } from "./html.js";

/** A number that grows whenever the server reports a change (of any execution, or of `arn`): re-read on it. */
export function useLive(arn?: string): number {
  const [version, setVersion] = useState(0);
  useEffect(() => onChange((arns) => (arn === undefined || arns.includes(arn) ? setVersion((v) => v + 1) : undefined)), [arn]);
  return version;
}

export function StatusBadge({ status }: { status: string }) {
  return html`<span class=${`badge status-${status.toLowerCase()}`} data-testid="status">${status}</span>`;
}
