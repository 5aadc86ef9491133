/** A project template: its folder under `templates/` and what it makes. */
export interface TemplateInfo {
  name: TemplateName;
  description: string;
  /** The packages of this repository the project depends on (replaced by tarballs with `--local`). */
  packages: string[];
}

export type TemplateName = "workflow";

/**
 * The templates whose features exist. `actor` (actors) and `api` (HTTP router with SSE) are added
 * when those packages ship; a template is never stubbed.
 */
export const TEMPLATES: Record<TemplateName, TemplateInfo> = {
  workflow: {
    name: "workflow",
    description: "an order workflow: steps, a retry, a wait and a callback, with tests and a CDK stack",
    packages: ["@durable-ts/sdk", "@durable-ts/testing", "@durable-ts/cdk"],
  },
};

export function isTemplateName(value: string): value is TemplateName {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, value);
}
