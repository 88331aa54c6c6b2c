import { z } from 'zod';
import { groupNameField } from '../groups/group-name-field';
import type { PolicyLayer } from './policy-layer';

/** A document's layer as routes and forms name it: `guardrails`, `baseline` or `group:<name>`. */
export const policyLayerField = z
  .string({ error: 'Say which document: guardrails, baseline or group:<name>.' })
  .superRefine((layer, context) => {
    if (layer === 'guardrails' || layer === 'baseline') return;
    if (!layer.startsWith('group:')) {
      context.addIssue({
        code: 'custom',
        message: 'A document is "guardrails", "baseline" or "group:<name>".',
      });
      return;
    }
    const name = groupNameField.safeParse(layer.slice('group:'.length));
    for (const issue of name.success ? [] : name.error.issues) {
      context.addIssue({ code: 'custom', message: issue.message });
    }
  })
  .transform((layer) => layer as PolicyLayer);
