import { z } from 'zod';

const actionResultSchema = z.object({
  status: z.enum(['idle', 'success', 'error']),
  code: z.string().optional(),
  message: z.string().optional(),
  // React encodes a missing value as the string "$undefined".
  fieldErrors: z.record(z.string(), z.array(z.string())).optional().catch(undefined),
});

/** A server action's result as the form receives it (what the specs read of it). */
export type ActionResultPayload = z.infer<typeof actionResultSchema>;

/**
 * The action's return value, found in the React Server Components payload: one row per line,
 * `<id>:<json>`, one of which is the result object the form would have rendered.
 */
export function readActionResult(payload: string): ActionResultPayload | undefined {
  for (const line of payload.split('\n')) {
    const json = line.slice(line.indexOf(':') + 1);
    if (!json.startsWith('{')) continue;
    try {
      const parsed = actionResultSchema.safeParse(JSON.parse(json));
      if (parsed.success) return parsed.data;
    } catch {
      // Not a JSON row (React also streams other kinds of rows).
    }
  }
  return undefined;
}
