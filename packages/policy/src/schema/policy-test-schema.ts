import { z } from 'zod';
import { modeSchema, nameSchema } from './pattern-schemas';
import { policyRequestSchema } from './request-schema';

export const policyTestSchema = z.strictObject({
  name: nameSchema('Names the test in every report; unique within the document.'),
  description: z.string().max(2000).optional(),
  groups: z
    .array(nameSchema('A policy group of the organization.'))
    .optional()
    .meta({ description: 'The test runs as a member of exactly these groups (none by default).' }),
  request: policyRequestSchema,
  expect: z.enum(['allow', 'deny', 'ask']),
  ruleId: z
    .string()
    .nullable()
    .optional()
    .meta({ description: 'Optionally, the rule that must decide (null: the default deny).' }),
  layer: z.string().optional().meta({
    description:
      'Optionally, the layer that must decide: guardrails, baseline, group:<name> or default.',
  }),
  mode: modeSchema.optional(),
});

export type PolicyTest = z.infer<typeof policyTestSchema>;
