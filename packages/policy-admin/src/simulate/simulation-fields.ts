import { z } from 'zod';
import { groupNameField } from '../groups/group-name-field';
import { maxGroupsPerPerson, personEmailField } from '../people/person-fields';

// The fields the effective-policy view, the simulator and the comparison share: which policy
// (drafts, the published version, any version) and whose (a set of groups, or a person).

const maxVersion = 2_147_483_647;
const targetMessage = 'Choose draft, published or a version number.';

/**
 * `draft`, `published` or a version number; a number may come as text (a query string). The
 * text form has no sign, exponent or leading zero, so "1e3" or "007" never mean a version.
 */
export const policyTargetField = z.union(
  [
    z.enum(['draft', 'published']),
    z.number().int().min(1).max(maxVersion),
    z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/)
      .transform(Number)
      .pipe(z.number().max(maxVersion)),
  ],
  { error: targetMessage },
);

/** Group names as a list, or as text separated by commas (`?groups=a,b`); repeats collapse. */
export const simulationGroupsField = z
  .union(
    [
      z.array(z.string()),
      z
        .string()
        .transform((text) =>
          text.trim() === '' ? [] : text.split(',').map((name) => name.trim()),
        ),
    ],
    {
      error: 'Give the groups as a list of names.',
    },
  )
  .pipe(
    z.array(groupNameField).max(maxGroupsPerPerson, `Give at most ${maxGroupsPerPerson} groups.`),
  )
  .transform((names) => [...new Set(names)]);

/** Whose policy: `groups` or `person` (by email), not both; neither is guardrails and baseline. */
export const subjectShape = {
  groups: simulationGroupsField.optional(),
  person: personEmailField.optional(),
};

export function refineOneSubject(
  input: { groups?: string[] | undefined; person?: string | undefined },
  context: z.core.$RefinementCtx,
): void {
  if (input.groups !== undefined && input.person !== undefined) {
    context.addIssue({
      code: 'custom',
      path: ['person'],
      message: 'Give either groups or a person, not both.',
    });
  }
}

export const maxSimulatedRequests = 10_000;

/** Requests of any shape: a malformed one is that request's deny, not a refused call. */
export const simulatedRequestsField = z
  .array(z.unknown(), { error: 'Give the requests as a list.' })
  .min(1, 'Give at least one request.');
