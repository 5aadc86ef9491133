/**
 * `create-durable-ts`: scaffolds durable-ts projects. The CLI is `create-durable-ts` (`npm create
 * durable-ts`); `createProject` is the same as a function. Notes: docs/deploy.md.
 */
export { createProject, type CreateProjectOptions } from "./create-project.js";
export { parseOptions, USAGE, type ParsedOptions } from "./parse-options.js";
export { isTemplateName, TEMPLATES, type TemplateInfo, type TemplateName } from "./templates.js";
export { CreateUsageError, runCreate, terminalPrompt, type CreateCommandIO, type CreateCommandOptions } from "./run-create.js";
