// Lints examples/ with @durable-ts/eslint-plugin's recommended config (from the plugin's sources),
// so the examples stay deterministic and the rules are exercised on real handlers. Exits 1 on any problem.
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
// The plugin's sources, so this check runs before any build.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import plugin from "../packages/eslint-plugin/src/index.js";

const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser as never, sourceType: "module" } },
    { ...plugin.configs.recommended, files: ["**/*.ts"] } as never,
  ],
});
const results = await eslint.lintFiles(["examples/**/*.ts"]);
const formatter = await eslint.loadFormatter("stylish");
const text = await formatter.format(results);
if (text.trim() !== "") console.log(text);
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
console.log(`durable lint: ${results.length} files, ${problems} problem(s)`);
process.exit(problems > 0 ? 1 : 0);
