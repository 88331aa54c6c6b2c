import { z } from 'zod';
import {
  descriptionSchema,
  durationSchema,
  hostPatternSchema,
  modeSchema,
  nameSchema,
  ruleIdSchema,
} from './pattern-schemas';

const credentialNameSchema = nameSchema('The name of a secret stored in the control plane.');
const destinationsSchema = z
  .array(hostPatternSchema('destination'))
  .min(1, 'list at least one destination');

export const credentialAllowRuleSchema = z.strictObject({
  id: ruleIdSchema,
  action: z.literal('allow'),
  mode: modeSchema.optional(),
  description: descriptionSchema.optional(),
  credential: credentialNameSchema,
  destinations: destinationsSchema.meta({
    description: 'Host patterns the credential may be sent to.',
  }),
  ttl: durationSchema.optional(),
});

export const credentialDenyRuleSchema = z.strictObject({
  id: ruleIdSchema,
  action: z.literal('deny'),
  mode: modeSchema.optional(),
  description: descriptionSchema.optional(),
  credential: credentialNameSchema,
  destinations: destinationsSchema.optional(),
});

export const credentialRuleSchema = z.discriminatedUnion('action', [
  credentialAllowRuleSchema,
  credentialDenyRuleSchema,
]);

export type CredentialRule = z.infer<typeof credentialRuleSchema>;
