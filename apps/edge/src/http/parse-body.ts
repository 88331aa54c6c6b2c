import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Edge } from '../edge';
import { sendError } from './errors';

/**
 * The request body parsed with the route's schema, or undefined once a 400 naming every
 * problem (`device.hostname: Give the hostname.`) has been sent.
 */
export function parseBody<Schema extends z.ZodType>(
  edge: Edge,
  schema: Schema,
  request: FastifyRequest,
  reply: FastifyReply,
): z.output<Schema> | undefined {
  const result = schema.safeParse(request.body);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  sendError(reply, edge.metrics, 'INVALID_INPUT', problems.join('; '));
  return undefined;
}
