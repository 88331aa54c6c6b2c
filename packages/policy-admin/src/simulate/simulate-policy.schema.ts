import { z } from 'zod';
import {
  maxSimulatedRequests,
  policyTargetField,
  refineOneSubject,
  simulatedRequestsField,
  subjectShape,
} from './simulation-fields';

export const simulatePolicySchema = z
  .strictObject({
    against: policyTargetField,
    ...subjectShape,
    requests: simulatedRequestsField.max(
      maxSimulatedRequests,
      `Simulate at most ${maxSimulatedRequests.toLocaleString('en')} requests per call; split them into several calls.`,
    ),
  })
  .superRefine(refineOneSubject);

export type SimulatePolicyInput = z.input<typeof simulatePolicySchema>;
