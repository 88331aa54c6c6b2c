import { z } from 'zod';
import { policyTargetField, refineOneSubject, subjectShape } from './simulation-fields';

/** Whose effective policy, in which policy: the published version unless told otherwise. */
export const getEffectivePolicySchema = z
  .strictObject({ against: policyTargetField.default('published'), ...subjectShape })
  .superRefine(refineOneSubject);

export type GetEffectivePolicyInput = z.input<typeof getEffectivePolicySchema>;
