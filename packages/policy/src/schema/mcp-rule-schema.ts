import { z } from 'zod';
import {
  commandSchema,
  descriptionSchema,
  mcpUrlPatternSchema,
  modeSchema,
  ruleIdSchema,
  toolPatternSchema,
} from './pattern-schemas';

/** Exactly one of `url` and `command`; checked with the document's semantics. */
export const mcpServerSchema = z
  .strictObject({ url: mcpUrlPatternSchema.optional(), command: commandSchema.optional() })
  .meta({
    description: 'What runs: a url pattern or an exact command. Never the name a user gave it.',
  });

export const mcpToolsSchema = z.strictObject({
  allow: z.array(toolPatternSchema).optional(),
  ask: z.array(toolPatternSchema).optional(),
  deny: z.array(toolPatternSchema).optional(),
});

export const mcpAllowRuleSchema = z.strictObject({
  id: ruleIdSchema,
  action: z.literal('allow'),
  mode: modeSchema.optional(),
  description: descriptionSchema.optional(),
  server: mcpServerSchema,
  tools: mcpToolsSchema.optional(),
});

export const mcpDenyRuleSchema = z.strictObject({
  id: ruleIdSchema,
  action: z.literal('deny'),
  mode: modeSchema.optional(),
  description: descriptionSchema.optional(),
  server: mcpServerSchema,
});

export const mcpRuleSchema = z.discriminatedUnion('action', [
  mcpAllowRuleSchema,
  mcpDenyRuleSchema,
]);

export type McpRule = z.infer<typeof mcpRuleSchema>;
