import { z } from 'zod';
import { descriptionSchema, modeSchema, pathPatternSchema, ruleIdSchema } from './pattern-schemas';

export const filesystemRuleSchema = z.strictObject({
  id: ruleIdSchema,
  action: z.enum(['allow', 'deny']),
  mode: modeSchema.optional(),
  description: descriptionSchema.optional(),
  paths: z.array(pathPatternSchema).min(1, 'list at least one path'),
  access: z.enum(['read', 'write']).meta({
    description: 'An allow for write also allows read; a deny for read also denies write.',
  }),
});

export type FilesystemRule = z.infer<typeof filesystemRuleSchema>;
