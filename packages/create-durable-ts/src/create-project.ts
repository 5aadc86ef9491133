import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TEMPLATES, type TemplateName } from "./templates.js";

/** Options of {@link createProject}. */
export interface CreateProjectOptions {
  /** The folder to create (must not exist, or be empty). */
  directory: string;
  template: TemplateName;
  /** The project's package name. Default: the folder's name. */
  name?: string;
  /** Run `npm install` in the new project. Default true. */
  install?: boolean;
  /**
   * A folder with this repository's packed packages (`npm pack` tarballs): the project depends on
   * them instead of the registry's versions. For trying unpublished changes, and for CI.
   */
  local?: string;
  /** Version range of this repository's packages from the registry. Default: this package's version, `^`. */
  version?: string;
  /** Where progress lines go. Default: nowhere. */
  log?: (line: string) => void;
}

const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

function templatesRoot(): string {
  // dist/index.js and src/create-project.ts both sit one level below the package folder.
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, "..", "templates");
}

function ownVersion(): string {
  const pkg = JSON.parse(readFileSync(join(templatesRoot(), "..", "package.json"), "utf8")) as { version: string };
  return `^${pkg.version}`;
}

/** The tarball of `packageName` in `folder` (`@durable-ts/sdk` → `durable-ts-sdk-<version>.tgz`). */
function tarballFor(folder: string, packageName: string): string {
  const prefix = `${packageName.replace(/^@/, "").replace("/", "-")}-`;
  const found = readdirSync(folder).filter((f) => f.startsWith(prefix) && f.endsWith(".tgz") && /^\d/.test(f.slice(prefix.length)));
  if (found.length !== 1) {
    throw new Error(`--local ${folder}: expected one tarball of ${packageName} (${prefix}<version>.tgz), found ${found.length === 0 ? "none" : found.join(", ")}`);
  }
  return `file:${resolve(folder, found[0]!)}`;
}

/**
 * Templates are stored under names a published tarball keeps as they are: npm drops `.gitignore`
 * and would treat a nested `package.json` as a package, and test files are kept out of our
 * tarballs. So `_x` is `x` (`_gitignore` is `.gitignore`) and `x.tmpl` is `x`.
 */
function restoreTemplateNames(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    let name = entry.name;
    if (name === "_gitignore") name = ".gitignore";
    else if (name.startsWith("_")) name = name.slice(1);
    if (name.endsWith(".tmpl")) name = name.slice(0, -".tmpl".length);
    if (name !== entry.name) renameSync(join(dir, entry.name), join(dir, name));
    if (entry.isDirectory()) restoreTemplateNames(join(dir, name));
  }
}

/**
 * Creates a project from a template: copies its files, names the project, points its
 * dependencies at the registry (or at local tarballs) and, unless told not to, installs them.
 * Throws an `Error` naming the problem for a bad name, a non-empty folder or missing tarballs.
 */
export function createProject(options: CreateProjectOptions): { directory: string; name: string } {
  const log = options.log ?? (() => undefined);
  const directory = resolve(options.directory);
  const name = options.name ?? basename(directory);
  if (!PACKAGE_NAME.test(name))
    throw new Error(`"${name}" is not a valid npm package name: use lower case letters, digits, "-", "." and "_" (pass --name to choose another)`);
  const template = TEMPLATES[options.template];
  if (template === undefined) throw new Error(`Unknown template "${String(options.template)}": choose one of ${Object.keys(TEMPLATES).join(", ")}`);
  if (existsSync(directory) && (!statSync(directory).isDirectory() || readdirSync(directory).length > 0)) {
    throw new Error(`${directory} already exists and is not an empty folder`);
  }

  mkdirSync(directory, { recursive: true });
  cpSync(join(templatesRoot(), template.name), directory, { recursive: true });
  restoreTemplateNames(directory);

  const version = options.version ?? ownVersion();
  const stackName =
    name
      .replace(/^@[^/]+\//, "")
      .replace(/[^A-Za-z0-9-]/g, "-")
      .replace(/^[^A-Za-z]+/, "") || "DurableApp";
  for (const file of ["package.json", "README.md", "infra/app.ts"]) {
    const path = join(directory, file);
    if (!existsSync(path)) continue;
    writeFileSync(path, readFileSync(path, "utf8").replaceAll("__NAME__", name).replaceAll("__STACK__", stackName).replaceAll("__VERSION__", version));
  }
  if (options.local !== undefined) {
    const pkgPath = join(directory, "package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as Record<string, Record<string, string>>;
    const tarballs = Object.fromEntries(template.packages.map((dep) => [dep, tarballFor(options.local!, dep)]));
    for (const section of ["dependencies", "devDependencies"]) {
      for (const dep of Object.keys(pkg[section] ?? {})) if (dep in tarballs) pkg[section]![dep] = tarballs[dep]!;
    }
    // Where one of these packages depends on another (@durable-ts/testing on create-durable-ts),
    // that one must come from its tarball too, not from the registry.
    pkg.overrides = tarballs;
    writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  }
  log(`Created ${name} from the ${template.name} template in ${directory}`);

  if (options.install ?? true) {
    log("Installing dependencies (npm install)…");
    execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["install", "--no-audit", "--no-fund"], { cwd: directory, stdio: "inherit" });
  }
  return { directory, name };
}
