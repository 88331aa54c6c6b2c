import { z } from 'zod';
import { publishMessageField } from '../policy/publish-policy.schema';

export const policyVersionField = z
  .number({ error: 'A version is a whole number from 1.' })
  .int('A version is a whole number from 1.')
  .min(1, 'A version is a whole number from 1.')
  .max(2_147_483_647, 'There is no such version.');

export const getPolicyVersionSchema = z.strictObject({ version: policyVersionField });
export type GetPolicyVersionInput = z.input<typeof getPolicyVersionSchema>;

export const rollbackPolicySchema = z.strictObject({
  version: policyVersionField,
  message: publishMessageField,
});
export type RollbackPolicyInput = z.input<typeof rollbackPolicySchema>;

// Either side of a diff: a version, or the working drafts (to review before publishing).
const diffSideField = z.union([policyVersionField, z.literal('draft')]);

export const diffPolicyVersionsSchema = z.strictObject({ from: diffSideField, to: diffSideField });
export type DiffPolicyVersionsInput = z.input<typeof diffPolicyVersionsSchema>;
