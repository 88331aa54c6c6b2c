import { z } from 'zod';
import {
  cidrSchema,
  descriptionSchema,
  exceptEntrySchema,
  hostPatternSchema,
  modeSchema,
  portSchema,
  ruleIdSchema,
} from './pattern-schemas';

const ruleFields = {
  id: ruleIdSchema,
  mode: modeSchema.optional(),
  description: descriptionSchema.optional(),
  cidrs: z.array(cidrSchema).optional(),
  ports: z
    .array(portSchema)
    .min(1, 'list at least one port, or leave ports out to mean any port')
    .optional(),
};

export const networkAllowRuleSchema = z.strictObject({
  ...ruleFields,
  action: z.literal('allow'),
  hosts: z.array(hostPatternSchema('allow')).optional(),
});

export const networkDenyRuleSchema = z.strictObject({
  ...ruleFields,
  action: z.literal('deny'),
  hosts: z.array(hostPatternSchema('deny')).optional(),
  except: z.array(exceptEntrySchema).optional(),
});

/** A network rule needs `hosts` or `cidrs` (or both); checked with the document's semantics. */
export const networkRuleSchema = z.discriminatedUnion('action', [
  networkAllowRuleSchema,
  networkDenyRuleSchema,
]);

export type NetworkRule = z.infer<typeof networkRuleSchema>;
