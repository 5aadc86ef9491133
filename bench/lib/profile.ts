/**
 * CPU profile summaries: where the time of a `node --cpu-prof` run went, by function (self time)
 * and by area (our SDK folder, our test kit, official SDK, node internals, GC, idle).
 */
import { readFileSync } from "node:fs";
import { REPO_ROOT } from "./child.js";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  byArea: ProfileEntry[];
  byFunction: ProfileEntry[];
}

/** Where a frame's code lives, e.g. `sdk/checkpoint`, `testing/backend`, `official-sdk`, `node`. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)") return "idle";
  if (functionName === "(program)") return "(program)";
  const local = url.match(/packages\/(sdk|testing)\/src\/([^/]+)/);
  if (local) return `${local[1]}/${local[2].replace(/\.ts$/, "")}`;
  if (url.includes("@aws/durable-execution-sdk-js-testing")) return "official-testing-kit";
  if (url.includes("@aws/durable-execution-sdk-js")) return "official-sdk";
  const dep = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dep) return `dep:${dep[1]}`;
  if (url.includes("/bench/")) return "bench";
  if (url.startsWith("node:") || url === "") return "node";
  return "other";
}

function shortUrl(url: string): string {
  return url.replace(`file://${REPO_ROOT}`, "").replace(/^.*node_modules\//, "");
}

export function summarizeProfile(path: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const frames = new Map<number, CallFrame>(profile.nodes.map((node) => [node.id, node.callFrame]));
  const area = new Map<string, number>();
  const fn = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index] ?? 0;
    const frame = frames.get(id);
    if (!frame) return;
    totalUs += us;
    const a = areaOf(frame);
    area.set(a, (area.get(a) ?? 0) + us);
    if (a === "idle" || a === "(program)" || a === "GC") return;
    const key = `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
  });
  const entries = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: totalUs === 0 ? 0 : us / totalUs }));
  return { totalMs: totalUs / 1000, byArea: entries(area), byFunction: entries(fn) };
}

export function formatProfile(summary: ProfileSummary, top = 10): string[] {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  return [
    `profile: ${summary.totalMs.toFixed(0)} ms sampled`,
    `  by area:     ${summary.byArea.slice(0, top).map((e) => `${e.name} ${pct(e.share)}`).join(", ")}`,
    "  by function (self time):",
    ...summary.byFunction.slice(0, top).map((e) => `    ${pct(e.share).padStart(6)}  ${e.ms.toFixed(1).padStart(8)} ms  ${e.name}`),
  ];
}
