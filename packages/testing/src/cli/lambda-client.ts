/** The client the CLI talks through: the local server by default, or any endpoint. */
import { LambdaClient } from "@aws-sdk/client-lambda";

/** Default endpoint: a `durable-ts serve` on this machine. */
export const DEFAULT_ENDPOINT = "http://127.0.0.1:4126";

/**
 * `--endpoint`, else `AWS_ENDPOINT_URL_LAMBDA`, else the local server; `--aws` uses the real
 * service with the usual credential chain. Local endpoints get dummy credentials unless the
 * environment has some.
 */
export function cliLambdaClient(o: { endpoint?: string; aws?: boolean; region?: string }, env: Record<string, string | undefined>): LambdaClient {
  const region = o.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  if (o.aws) return new LambdaClient({ region });
  const endpoint = o.endpoint ?? env.AWS_ENDPOINT_URL_LAMBDA ?? DEFAULT_ENDPOINT;
  const credentials = env.AWS_ACCESS_KEY_ID ? undefined : { accessKeyId: "local", secretAccessKey: "local" };
  return new LambdaClient({ endpoint, region, ...(credentials ? { credentials } : {}) });
}
