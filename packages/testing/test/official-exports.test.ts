// Every export of the official SDK and testing kit exists in ours (a new official export fails here).
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as oursSdk from "@durable-ts/sdk";
import * as oursTesting from "@durable-ts/testing";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const require = createRequire(import.meta.url);
/** The `types` entry of an installed package (its package.json is not exported, so it is found from the main file). */
function officialTypes(pkg: string): string {
  const main = require.resolve(pkg);
  const dir = main.slice(0, main.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}/`.length);
  const manifest = JSON.parse(readFileSync(`${dir}package.json`, "utf8")) as { types: string };
  return `${dir}${manifest.types.replace(/^\.\//, "")}`;
}

const PAIRS = [
  { official: "@aws/durable-execution-sdk-js", ours: `${root}packages/sdk/src/index.ts`, module: oursSdk as Record<string, unknown> },
  { official: "@aws/durable-execution-sdk-js-testing", ours: `${root}packages/testing/src/index.ts`, module: oursTesting as Record<string, unknown> },
];

/** Export names of each entry file, with whether each is a value (class, function, const, enum) or only a type. */
function exportLists(files: string[]): Map<string, Map<string, "value" | "type">> {
  const config = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const lists = new Map<string, Map<string, "value" | "type">>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`Cannot read the exports of ${file}`);
    const names = new Map<string, "value" | "type">();
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      names.set(symbol.name, target.flags & ts.SymbolFlags.Value ? "value" : "type");
    }
    lists.set(file, names);
  }
  return lists;
}

const lists = exportLists(PAIRS.flatMap((pair) => [officialTypes(pair.official), pair.ours]));

describe.each(PAIRS)("exports of $official", ({ official, ours, module }) => {
  const officialList = lists.get(officialTypes(official))!;
  const ourList = lists.get(ours)!;

  it("reads a plausible official export list from its type declarations", () => {
    expect(officialList.size).toBeGreaterThan(15);
  });

  it("every official export name exists in ours, a value wherever the official one is a value", () => {
    const missing = [...officialList].filter(([name, kind]) => !ourList.has(name) || (kind === "value" && ourList.get(name) !== "value"));
    expect(missing.map(([name, kind]) => `${name} (${kind})`)).toEqual([]);
  });

  it("official enum-like values have the same members and strings as ours", async () => {
    const runtime = (await import(official)) as Record<string, unknown>;
    const mismatched: string[] = [];
    for (const [name, kind] of officialList) {
      const theirs = runtime[name];
      if (kind !== "value" || theirs === null || (typeof theirs !== "object" && typeof theirs !== "number")) continue;
      if (typeof theirs === "object" && !Object.values(theirs).every((v) => typeof v === "string" || typeof v === "number")) continue;
      if (JSON.stringify(sorted(theirs)) !== JSON.stringify(sorted(module[name]))) mismatched.push(name);
    }
    expect(mismatched).toEqual([]);
  });
});

function sorted(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
