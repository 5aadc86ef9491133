/**
 * Function URLs and streamed responses on the local server: requests the service router does not
 * see, because they are read or written while they flow. Notes: docs/local-server.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LocalService } from "../local-service.js";
import { serveFunctionUrl } from "./function-url.js";
import { acceptStreamedResponse } from "./runtime-stream.js";

export { FUNCTION_URL_PREFIX } from "./function-url.js";

/** Handles a streamed Runtime API `/response` or a Function URL request; false for anything else. */
export function handleStreamingTraffic(service: LocalService, req: IncomingMessage, res: ServerResponse): boolean {
  return acceptStreamedResponse(service, req, res) || serveFunctionUrl(service, req, res);
}
