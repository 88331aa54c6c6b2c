import type { z } from 'zod';

/** How a caller proves who it is, for the OpenAPI document. */
export type RouteAuth = 'none' | 'bearer';

export type RouteResponse = {
  description: string;
  /** The body's schema; none for 204 and 304. */
  schema?: z.ZodType;
  /** `application/json` unless given. */
  contentType?: string;
  /** Response headers worth naming, with what they carry. */
  headers?: Record<string, string>;
};

/**
 * What a route file tells the OpenAPI document about itself: the same zod schemas its handler
 * validates with, so the document cannot drift from what the server accepts.
 */
export type RouteSpec = {
  method: 'GET' | 'POST';
  path: string;
  operationId: string;
  summary: string;
  auth: RouteAuth;
  body?: z.ZodType;
  /** Request headers the route reads, with what they mean. */
  headers?: Record<string, string>;
  responses: Record<number, RouteResponse>;
  /** The error statuses it may answer (each with the error body). */
  errors: number[];
};
