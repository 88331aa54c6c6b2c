import { humanNameField } from '@parapet/accounts/schemas';
import { z } from 'zod';
import { policyLayerField } from './policy-layer-field';
import { revisionField } from './save-policy-draft.schema';

// A version's message is read in the history and the activity log like a commit message: one
// line of text, under the same rule as names (no line breaks, direction controls or invisible
// characters).
export const publishMessageField = humanNameField({
  empty: 'Say what this version changes.',
  max: 500,
});

export const publishPolicySchema = z.strictObject({
  message: publishMessageField,
  // The draft revisions the publisher reviewed, by layer: a draft saved since is refused rather
  // than published unseen.
  expectedRevisions: z
    .array(z.strictObject({ layer: policyLayerField, revision: revisionField }))
    .max(10_000)
    .optional(),
});
export type PublishPolicyInput = z.input<typeof publishPolicySchema>;
