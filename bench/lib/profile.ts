/**
 * CPU profiles of our SDK where it misses a target. The case runs from its esbuild bundle (not
 * minified, so every module keeps its lines and the `// packages/...` comment esbuild puts at its
 * start) and is sampled by the V8 profiler over the timed section only. Samples
 * map to bundle lines, bundle lines to source modules: the summary says which area (folder of
 * `packages/*\/src`, dependency, node internals, GC) and which source lines the time goes to.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OUT_DIR, runCase } from "./child.js";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  positionTicks?: Array<{ line: number; ticks: number }>;
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
  /** Hottest source lines of bundled code, and hottest functions elsewhere (self time). */
  hotSpots: ProfileEntry[];
}

/** Runs a case (path relative to bench/) from its bundle with `profilePath` added, and summarizes. */
export async function profileCase(name: string, script: string, args: Record<string, unknown>): Promise<{ path: string; summary: ProfileSummary }> {
  const path = `${OUT_DIR}profile-${name}.cpuprofile`;
  await runCase(script, { ...args, profilePath: path });
  return { path, summary: summarizeProfile(path) };
}

/** Area of a module path or URL: `sdk/operations`, `testing/backend`, `dep:superjson`, `node`, … */
function areaOfPath(path: string): string {
  const local = path.match(/packages\/(sdk|testing)\/src\/([^/]+)/);
  // `!`: both groups are mandatory in the pattern, so a match has them.
  if (local) return `${local[1]}/${local[2]!.replace(/\.ts$/, "")}`;
  const dep = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dep) return `dep:${dep[1]}`;
  if (path.includes("bench/")) return "bench";
  return "node";
}

interface BundleLines {
  text: string[];
  module: string[];
}

/** For each line of a bundle file, the source module it came from (esbuild's `// path` comments). */
function moduleLines(bundlePath: string): BundleLines {
  const text = readFileSync(bundlePath, "utf8").split("\n");
  const module: string[] = [];
  let current = "bench";
  for (const line of text) {
    const comment = line.match(/^\/\/ ((?:packages|bench|node_modules)\/\S+\.[cm]?[jt]s)$/);
    if (comment) current = comment[1]!; // the group is mandatory in the pattern
    module.push(current);
  }
  return { text, module };
}

/** Summarizes a profile file: one `.cpuprofile` object or an array of them (several recordings). */
export function summarizeProfile(profilePath: string, top = 12): ProfileSummary {
  const parsed = JSON.parse(readFileSync(profilePath, "utf8")) as CpuProfile | CpuProfile[];
  const bundleFiles = new Map<string, BundleLines | undefined>();
  const linesOf = (url: string): BundleLines | undefined => {
    if (!bundleFiles.has(url)) bundleFiles.set(url, url.startsWith(`file://${OUT_DIR}`) ? moduleLines(fileURLToPath(url)) : undefined);
    return bundleFiles.get(url);
  };
  const areas = new Map<string, number>();
  const spots = new Map<string, number>();
  let totalUs = 0;
  for (const profile of Array.isArray(parsed) ? parsed : [parsed]) totalUs += accumulate(profile, linesOf, areas, spots);
  const entries = (map: Map<string, number>, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: us / 1000, share: totalUs === 0 ? 0 : us / totalUs }));
  return { totalMs: totalUs / 1000, byArea: entries(areas, 14), hotSpots: entries(spots, top) };
}

/** Adds one profile's self time to the area and hot-spot maps; returns the microseconds counted. */
function accumulate(profile: CpuProfile, linesOf: (url: string) => BundleLines | undefined, areas: Map<string, number>, spots: Map<string, number>): number {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

  // Samples under the inspector session (Profiler.stop serializing the profile) are not the case's.
  const parents = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
  const underInspector = (node: ProfileNode): boolean => {
    for (let n: ProfileNode | undefined = node; n; n = parents.get(n.id)) if (n.callFrame.url === "node:inspector") return true;
    return false;
  };

  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let totalUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0 || underInspector(node)) continue;
    totalUs += us;
    const { functionName, url } = node.callFrame;
    if (functionName === "(garbage collector)" || functionName === "(program)" || functionName === "(idle)") {
      add(areas, functionName === "(garbage collector)" ? "GC" : functionName, us);
      continue;
    }
    const ticks = node.positionTicks?.reduce((sum, t) => sum + t.ticks, 0) ?? 0;
    const lines = linesOf(url);
    if (lines && ticks > 0) {
      for (const { line, ticks: lineTicks } of node.positionTicks!) {
        const share = (us * lineTicks) / ticks;
        const module = lines.module[line - 1] ?? "bench";
        add(areas, areaOfPath(module), share);
        const source = (lines.text[line - 1] ?? "").trim().slice(0, 90);
        add(spots, `${module.replace(/^packages\//, "")} ${functionName || "(anonymous)"}: ${source}`, share);
      }
      continue;
    }
    const area = lines ? areaOfPath(lines.module[node.callFrame.lineNumber] ?? "") : areaOfPath(url);
    add(areas, area, us);
    add(spots, `${area} ${functionName || "(anonymous)"}${url.startsWith("node:") ? ` (${url})` : ""}`, us);
  }
  return totalUs;
}

export function formatProfile(summary: ProfileSummary): string[] {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  return [
    `${summary.totalMs.toFixed(0)} ms sampled. By area: ${summary.byArea.map((e) => `${e.name} ${pct(e.share)}`).join(", ")}`,
    "Hottest lines / functions (self time):",
    ...summary.hotSpots.map((e) => `${pct(e.share).padStart(6)}  ${e.name}`),
  ];
}
