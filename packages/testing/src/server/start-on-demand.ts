/**
 * `startLocalServer` as the package exports it: the HTTP server, its routes, the console and the
 * persistence load when a server starts, not with the package.
 */
import type { LocalServer, LocalServerOptions } from "./local-server.js";

/**
 * Starts the local durable functions server.
 * @example
 * const server = await startLocalServer({ port: 0, functions: { orders: handler, billing: { external: true } } });
 * const client = new LambdaClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
 * await client.send(new InvokeCommand({ FunctionName: "orders", DurableExecutionName: "order-42", Payload: JSON.stringify({ id: 42 }) }));
 * await server.close();
 */
export async function startLocalServer(o: LocalServerOptions = {}): Promise<LocalServer> {
  const server = await import("./local-server.js");
  return server.startLocalServer(o);
}
