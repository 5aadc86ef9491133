/** A project template: its folder under `templates/` and what it makes. */
export interface TemplateInfo {
  name: TemplateName;
  description: string;
  /**
   * The packages of this repository the project depends on, directly or through another of them
   * (replaced by tarballs with `--local`).
   */
  packages: string[];
}

export type TemplateName = "workflow" | "actor" | "api";

/** The templates, in the order `--help` lists them. */
export const TEMPLATES: Record<TemplateName, TemplateInfo> = {
  workflow: {
    name: "workflow",
    description: "an order workflow: steps, a retry, a wait and a callback, with tests and a CDK stack",
    packages: ["@durable-ts/sdk", "@durable-ts/testing", "@durable-ts/cdk", "create-durable-ts"],
  },
  actor: {
    name: "actor",
    description: "a counter and a rate limiter actor (DynamoDB state, SQS FIFO calls), with tests and a CDK stack",
    packages: ["@durable-ts/actors", "@durable-ts/sdk", "@durable-ts/testing", "@durable-ts/cdk", "create-durable-ts"],
  },
  api: {
    name: "api",
    description: "an HTTP API with a server-sent events endpoint that starts and follows a workflow, with tests and a CDK stack",
    packages: ["@durable-ts/sdk", "@durable-ts/testing", "@durable-ts/cdk", "create-durable-ts"],
  },
};

export function isTemplateName(value: string): value is TemplateName {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, value);
}
