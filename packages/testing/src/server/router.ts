/**
 * A route table: `METHOD /literal/{Param}/...` patterns matched segment by segment on the raw
 * path, so a percent-encoded ARN (`%2F` inside) stays one segment; parameters are decoded once.
 */
import { errorResponse, invalidParameterValue, unknownOperation } from "./errors.js";
import type { ServiceRequest, ServiceResponse } from "./http.js";

/** Path parameters by name, percent-decoded. */
export type RouteParams = Record<string, string>;
export type RouteHandler = (req: ServiceRequest, params: RouteParams) => Promise<ServiceResponse> | ServiceResponse;

/** One route: `method` and a `pattern` such as `/2025-12-01/durable-executions/{Arn}/checkpoint`. */
export interface Route {
  method: string;
  pattern: string;
  handler: RouteHandler;
}

interface CompiledRoute extends Route {
  segments: { literal?: string; param?: string }[];
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
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i];
    if (segment.literal !== undefined) {
      if (segment.literal !== parts[i]) return undefined;
      continue;
    }
    let value: string;
    try {
      value = decodeURIComponent(parts[i]);
    } catch {
      throw invalidParameterValue(`${segment.param} is not a valid percent-encoded path segment: ${JSON.stringify(parts[i])}`);
    }
    if (value === "") return undefined;
    params[segment.param!] = value;
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
