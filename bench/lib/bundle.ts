/**
 * Figure 7: bundles a hello-world handler per SDK the way one deploys to Lambda: esbuild, minified,
 * platform node, CommonJS, `@aws-sdk/*` external because the Lambda Node.js runtime provides it.
 */
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { BENCH_DIR, OUT_DIR, REPO_ROOT } from "./child.js";
import type { SdkId } from "./sdks.js";

export interface HelloBundle {
  sdk: SdkId;
  bytes: number;
  /** file:// URL of the bundle, for `import()` in a fresh process. */
  url: string;
  /** Largest contributors to the output, e.g. "sdk/operations 17.6 KiB, superjson 10 KiB, …". */
  composition: string;
}

export async function bundleHelloWorld(sdk: SdkId): Promise<HelloBundle> {
  mkdirSync(OUT_DIR, { recursive: true });
  // Inside bench/ so that the external @aws-sdk/* resolve from the repository's node_modules.
  const outfile = `${OUT_DIR}hello-${sdk}.cjs`;
  const result = await build({
    entryPoints: [`${BENCH_DIR}cases/hello-${sdk}.ts`],
    outfile,
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["@aws-sdk/*"],
    // Our SDK is bundled from its sources (tsconfig paths), as a user's build would see the package.
    tsconfig: `${REPO_ROOT}tsconfig.json`,
    metafile: true,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0];
  if (output === undefined) throw new Error(`bundle: esbuild wrote no output for ${sdk}`);
  return { sdk, bytes: output.bytes, url: pathToFileURL(outfile).href, composition: composition(output.inputs) };
}

/** Output bytes grouped by npm package, or by source folder for our SDK. */
function composition(inputs: Record<string, { bytesInOutput: number }>, top = 8): string {
  const groups = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const key = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? path.match(/packages\/(sdk\/src\/[^/]+)/)?.[1] ?? path;
    groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, bytes]) => `${key} ${(bytes / 1024).toFixed(1)} KiB`)
    .join(", ");
}
