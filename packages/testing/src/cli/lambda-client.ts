/** The client the CLI talks through: the local server by default, or any endpoint. */
import { LambdaClient } from "@aws-sdk/client-lambda";
import { CliError } from "./errors.js";

/** Default endpoint: a `durable-ts serve` on this machine. */
export const DEFAULT_ENDPOINT = "http://127.0.0.1:4126";

/** The endpoint options as parsed (`--endpoint`, `--aws`, `--region`). */
export interface EndpointOptions {
  endpoint?: unknown;
  aws?: unknown;
  region?: unknown;
}

/** A LambdaClient and a description of where it sends requests (for error messages). */
export interface CliLambdaClient extends LambdaClient {
  readonly target: string;
}

/**
 * `--endpoint`, else `AWS_ENDPOINT_URL_LAMBDA`, else the local server; `--aws` uses the real
 * service with the usual credential chain. Local endpoints get dummy credentials unless the
 * environment has some.
 */
export function cliLambdaClient(o: EndpointOptions, env: Record<string, string | undefined>): CliLambdaClient {
  const region = (typeof o.region === "string" ? o.region : undefined) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  if (o.aws === true) return Object.assign(new LambdaClient({ region }), { target: `AWS Lambda in ${region}` });
  const endpoint = (typeof o.endpoint === "string" ? o.endpoint : undefined) ?? env.AWS_ENDPOINT_URL_LAMBDA ?? DEFAULT_ENDPOINT;
  const credentials = env.AWS_ACCESS_KEY_ID ? undefined : { accessKeyId: "local", secretAccessKey: "local" };
  return Object.assign(new LambdaClient({ endpoint, region, ...(credentials ? { credentials } : {}) }), { target: endpoint });
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "EAI_AGAIN"]);

function connectionCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return code;
    const nested = (e as { errors?: unknown[] }).errors?.[0];
    e = nested ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A service call's failure as a CliError: a connection failure names the endpoint and how to get a
 * server there; a service exception keeps its name (`CallbackTimeoutException: ...`).
 */
export function serviceError(error: unknown, client: CliLambdaClient): CliError {
  if (error instanceof CliError) return error;
  const code = connectionCode(error);
  if (code !== undefined) {
    return new CliError(
      `Cannot reach ${client.target} (${code}). Is a local server running? Start one with \`durable-ts serve\`, or point --endpoint (or AWS_ENDPOINT_URL_LAMBDA) at a running one.`,
    );
  }
  return new CliError(`${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}`);
}
