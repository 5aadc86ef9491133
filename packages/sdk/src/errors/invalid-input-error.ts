import { defineErrorClass } from "./error-class-registry.js";
import { InvalidEventError, type InvalidEventIssue } from "./invalid-event-error.js";

/**
 * The execution input failed the handler's `validate` schema (any Standard Schema validator:
 * zod, valibot, arktype). **Terminal**: the execution ends FAILED before any operation runs,
 * with nothing checkpointed. `issues` lists the schema's issues; the message lists them too.
 */
export class InvalidInputError extends InvalidEventError {
  constructor(issues: ReadonlyArray<InvalidEventIssue>) {
    super({
      source: "input",
      issues,
      message: `Invalid execution input: ${issues.map((issue) => `${formatPath(issue.path)}${issue.message}`).join("; ")}`,
    });
  }
}

function formatPath(path: InvalidEventIssue["path"]): string {
  if (!path || path.length === 0) return "";
  return `${path.map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".")}: `;
}

defineErrorClass(InvalidInputError, "InvalidInputError");
