import { z } from 'zod';
import type { VersionDocument } from './policy-layer';

const versionDocumentsSchema = z.array(
  z.object({
    layer: z.string().regex(/^(guardrails|baseline|group:.+)$/),
    format: z.enum(['yaml', 'json']),
    source: z.string(),
    revision: z.number().int().nonnegative(),
  }),
);

/**
 * A stored version's documents. The column is JSON, so its shape is checked rather than
 * assumed: a row that does not match is a fault of this installation, not of the caller.
 */
export function readVersionDocuments(documents: unknown): VersionDocument[] {
  return versionDocumentsSchema.parse(documents) as VersionDocument[];
}
