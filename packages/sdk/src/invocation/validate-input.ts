import type { StandardSchemaV1 } from "@standard-schema/spec";
import { InvalidInputError } from "../errors/index.js";

/**
 * Runs the handler's Standard Schema (zod, valibot, arktype…) over the execution input and returns
 * its output. Issues are a terminal `InvalidInputError` listing them.
 */
export async function validateInput<T>(schema: StandardSchemaV1<unknown, T>, input: unknown): Promise<T> {
  const result = await schema["~standard"].validate(input);
  if (result.issues) throw new InvalidInputError(result.issues.map((issue) => ({ message: issue.message, path: issue.path })));
  return result.value;
}
