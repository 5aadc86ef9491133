/** The transport-neutral request and response the router and its handlers work on (see http.ts). */

/** One HTTP request as the router sees it. */
export interface ServiceRequest {
  method: string;
  /** The raw (still percent-encoded) path, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Header values by lower-case name (repeated headers joined with ", "). */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Aborts when the client goes away before the answer is sent (long polls, waiting invokes). */
  signal: AbortSignal;
}

/** One HTTP response. */
export interface ServiceResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}
