import type { PrismaClient } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { compareNames } from '../people/person-fields';

/**
 * Whose policy was used: the groups that applied, and the person they came from, if any (with
 * every group they hold, including any the policy read does not have).
 */
export type PolicySubject = {
  groups: string[];
  person?: { email: string; active: boolean; groups: string[] };
};

/**
 * Resolves `groups` or `person` to the groups a decision uses. A person contributes their
 * groups only while active: an inactive person is given guardrails and baseline alone (no group
 * grants), which is what their agents should get while the directory says they have left, and
 * `person` reports the groups they still hold.
 */
export async function resolvePolicySubject({
  db,
  orgId,
  groups,
  person,
}: {
  db: PrismaClient;
  orgId: string;
  groups?: string[] | undefined;
  person?: string | undefined;
}): Promise<PolicySubject> {
  if (person === undefined) return { groups: [...(groups ?? [])].sort(compareNames) };
  const found = await scopedDb({ prisma: db, orgId }).person.findFirst({
    where: { email: person },
    select: {
      email: true,
      active: true,
      groups: { select: { group: { select: { name: true } } } },
    },
  });
  if (!found) {
    throw new AppError('NOT_FOUND', `${person} is not in the directory.`, {
      fieldErrors: { person: ['This person is not in the directory.'] },
    });
  }
  const held = found.groups.map(({ group }) => group.name).sort(compareNames);
  return {
    groups: found.active ? held : [],
    person: { email: found.email, active: found.active, groups: held },
  };
}

/**
 * Refuses named groups that none of the compared policies has: in a simulation, a group that
 * does not exist is a typo that would silently simulate someone with fewer grants. A person's
 * groups are not checked: a group created after a version simply did not apply then.
 */
export function assertGroupsKnown({
  groups,
  layers,
}: {
  groups: readonly string[];
  layers: readonly (readonly string[])[];
}): void {
  const known = new Set(layers.flat());
  const unknown = groups.filter((name) => !known.has(`group:${name}`));
  if (unknown.length === 0) return;
  const quoted = unknown.map((name) => `"${name}"`).join(', ');
  const message =
    unknown.length === 1
      ? `The policy has no group named ${quoted}.`
      : `The policy has no groups named ${quoted}.`;
  throw new AppError('INVALID_INPUT', message, { fieldErrors: { groups: [message] } });
}

/** The subject narrowed to the groups `layers` has: a person's group the policy lacks applies to nothing. */
export function narrowToPolicy(subject: PolicySubject, layers: readonly string[]): PolicySubject {
  const known = new Set(layers);
  return { ...subject, groups: subject.groups.filter((name) => known.has(`group:${name}`)) };
}
