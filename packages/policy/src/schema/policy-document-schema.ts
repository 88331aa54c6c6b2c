import { z } from 'zod';
import { credentialRuleSchema } from './credential-rule-schema';
import { filesystemRuleSchema } from './filesystem-rule-schema';
import { mcpRuleSchema } from './mcp-rule-schema';
import { networkRuleSchema } from './network-rule-schema';
import { modeSchema } from './pattern-schemas';
import { policyTestSchema } from './policy-test-schema';

function surface<T extends z.ZodType>(rule: T) {
  return z.strictObject({ rules: z.array(rule) });
}

/**
 * One policy document (guardrails, baseline or a group). The schema checks shape and the syntax
 * of every entry; rules that span fields (unique ids, `hosts` or `cidrs`, one MCP server
 * identity) are checked by `checkDocumentSemantics`, which reports alongside it.
 */
export const policyDocumentSchema = z
  .strictObject({
    mode: modeSchema
      .optional()
      .meta({ description: "Default mode of this document's rules (enforce)." }),
    network: surface(networkRuleSchema).optional(),
    filesystem: surface(filesystemRuleSchema).optional(),
    credentials: surface(credentialRuleSchema).optional(),
    mcp: surface(mcpRuleSchema).optional(),
    tests: z.array(policyTestSchema).optional(),
  })
  .meta({ title: 'Parapet policy document' });

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
