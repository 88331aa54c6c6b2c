import { z } from 'zod';
import {
  maxSimulatedRequests,
  policyTargetField,
  refineOneSubject,
  simulatedRequestsField,
  subjectShape,
} from './simulation-fields';

/** Two policies to compare (by default the published version against the drafts). */
export const comparePoliciesSchema = z
  .strictObject({
    from: policyTargetField.default('published'),
    to: policyTargetField.default('draft'),
    ...subjectShape,
    requests: simulatedRequestsField.max(
      maxSimulatedRequests,
      `Compare at most ${maxSimulatedRequests.toLocaleString('en')} requests per call; split them into several calls.`,
    ),
  })
  .superRefine(refineOneSubject);

export type ComparePoliciesInput = z.input<typeof comparePoliciesSchema>;
