// Builds the web console into dist/console/ (index.html, app.js, app.css): the page script and its
// libraries (Preact, htm) bundled and minified into one file, so the server needs no build step at
// run time. Prints the bytes shipped. Run from packages/testing after the package build.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const out = "dist/console";
mkdirSync(out, { recursive: true });
await build({ entryPoints: ["src/console/app.ts"], bundle: true, format: "esm", target: "es2020", minify: true, outfile: `${out}/app.js`, logLevel: "warning" });
copyFileSync("src/console/index.html", `${out}/index.html`);
copyFileSync("src/console/app.css", `${out}/app.css`);
let raw = 0;
let gzip = 0;
for (const file of ["index.html", "app.js", "app.css"]) {
  const bytes = readFileSync(`${out}/${file}`);
  raw += bytes.byteLength;
  gzip += gzipSync(bytes).byteLength;
}
console.log(`console: ${raw} bytes (${gzip} gzipped) in ${out}`);
