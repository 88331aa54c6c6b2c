import { z } from 'zod';
import { policyLayerField } from './policy-layer-field';

export const policyFormatField = z.enum(['yaml', 'json'], {
  error: 'The format is "yaml" or "json".',
});

// A revision a client read (the ETag of the draft): saving against an older one is refused.
export const revisionField = z
  .number({ error: 'A revision is a whole number.' })
  .int('A revision is a whole number.')
  .nonnegative('A revision is a whole number.')
  .max(2_147_483_647, 'There is no such revision.');

export const savePolicyDraftSchema = z.strictObject({
  layer: policyLayerField,
  // Kept as written, byte for byte: comments, order and spacing are the author's. The size
  // and the characters text columns cannot keep are checked by savePolicyDraft.
  source: z.string({ error: 'The document must be text.' }),
  format: policyFormatField.optional(),
  expectedRevision: revisionField.optional(),
});
export type SavePolicyDraftInput = z.input<typeof savePolicyDraftSchema>;

export const getPolicyDraftSchema = z.strictObject({ layer: policyLayerField });
export type GetPolicyDraftInput = z.input<typeof getPolicyDraftSchema>;
