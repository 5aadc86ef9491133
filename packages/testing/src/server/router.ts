/**
 * A route table: `METHOD /literal/{Param}/...` patterns matched segment by segment on the raw
 * path, so a percent-encoded ARN (`%2F` inside) stays one segment; parameters are decoded once.
 */
import { errorResponse, invalidParameterValue, unknownOperation } from "./errors.js";
import type { ServiceRequest, ServiceResponse } from "./http.js";

/** Path parameters by name, percent-decoded. */
export type RouteParams = Record<string, string>;
export type RouteHandler = (req: ServiceRequest, params: RouteParams) => Promise<ServiceResponse> | ServiceResponse;

/** The `{Param}` names of a pattern: `/a/{Arn}/b/{Id}` → `"Arn" | "Id"`. */
type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;
/** The parameters a matched `pattern` always has (the router fills every `{Param}`, never with ""). */
export type PathParams<P extends string> = { readonly [Name in ParamNames<P>]: string };

/** One route: `method` and a `pattern` such as `/2025-12-01/durable-executions/{Arn}/checkpoint`. */
export interface Route {
  method: string;
  pattern: string;
  handler: RouteHandler;
}

/** A route whose handler sees the parameters of its own pattern by name, typed as present. */
export function route<P extends string>(r: {
  method: string;
  pattern: P;
  handler: (req: ServiceRequest, params: PathParams<P>) => Promise<ServiceResponse> | ServiceResponse;
}): Route {
  // `match` sets every `{Param}` of the pattern before a handler runs, so the narrower params type holds.
  return { method: r.method, pattern: r.pattern, handler: r.handler as RouteHandler };
}

interface CompiledRoute extends Route {
  segments: ({ literal: string } | { param: string })[];
}

function compile(route: Route): CompiledRoute {
  const segments = route.pattern
    .split("/")
    .slice(1)
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      return param ? { param } : { literal: segment };
    });
  return { ...route, segments };
}

function match(route: CompiledRoute, parts: string[]): RouteParams | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: RouteParams = {};
  for (const [i, segment] of route.segments.entries()) {
    const part = parts[i]!; // same length as the segments (checked above)
    if ("literal" in segment) {
      if (segment.literal !== part) return undefined;
      continue;
    }
    let value: string;
    try {
      value = decodeURIComponent(part);
    } catch {
      throw invalidParameterValue(`${segment.param} is not a valid percent-encoded path segment: ${JSON.stringify(part)}`);
    }
    if (value === "") return undefined;
    params[segment.param] = value;
  }
  return params;
}

/** Dispatches requests to the first route whose method and pattern match; renders thrown errors. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...routes: Route[]): this {
    for (const route of routes) this.routes.push(compile(route));
    return this;
  }

  async handle(req: ServiceRequest): Promise<ServiceResponse> {
    try {
      const parts = req.path.split("/").slice(1);
      for (const route of this.routes) {
        if (route.method !== req.method) continue;
        const params = match(route, parts);
        if (params) return await route.handler(req, params);
      }
      return unknownOperation(req.method, req.path);
    } catch (error) {
      return errorResponse(error);
    }
  }
}
