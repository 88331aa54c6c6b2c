import {
  type Actor,
  assertRole,
  inOrgTransaction,
  type MemberContext,
  type OrgTransaction,
  parseInput,
} from '@parapet/accounts';
import type { JsonValue } from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import { assertPersonUnique, mapPersonConflict } from './person-conflicts';
import { type PersonRecord, personSelect, toPersonRecord } from './person-record';
import { recordPersonActivity } from './record-person-activity';
import { releaseManualGroups } from './release-manual-groups';
import { resolveGroupIds } from './resolve-group-ids';
import { type UpdatePersonInput, updatePersonSchema } from './update-person.schema';

/** The fields of a person one update may change. */
export type PersonChanges = {
  displayName?: string | null | undefined;
  externalId?: string | null | undefined;
  groups?: string[] | undefined;
  active?: boolean | undefined;
};

/**
 * Changes a person's display name, external id, groups or active flag: only the fields given.
 * Records which fields changed (groups as added and removed); an update that changes nothing
 * writes nothing.
 */
export async function updatePerson({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: UpdatePersonInput }): Promise<PersonRecord> {
  assertRole(actor, 'admin');
  const { personId, ...changes } = parseInput(updatePersonSchema, input);
  return mapPersonConflict(() =>
    inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
      const person = await tx.person.findFirst({ where: { id: personId }, select: personSelect });
      if (!person) throw new AppError('NOT_FOUND', 'This person is not in the directory.');
      return applyPersonChanges({ tx, actor, person: toPersonRecord(person), changes, ip });
    }),
  );
}

/**
 * Applies changes to a person inside the caller's transaction and records them: shared by
 * updatePerson and the CSV import, so both write the same rows and the same details.
 */
export async function applyPersonChanges({
  tx,
  actor,
  person,
  changes,
  ip,
  record = true,
}: {
  tx: OrgTransaction;
  actor: Actor;
  person: PersonRecord;
  changes: PersonChanges;
  ip?: string | undefined;
  /** False when the caller records the change itself (one entry for a whole import). */
  record?: boolean;
}): Promise<PersonRecord> {
  const changed = describePersonChanges(person, changes);
  if (Object.keys(changed).length === 0) return person;
  if (changes.externalId !== undefined && changes.externalId !== person.externalId) {
    await assertPersonUnique({ tx, externalId: changes.externalId, exceptId: person.id });
  }
  const groups = changes.groups;
  if (groups !== undefined && changed.groups !== undefined) {
    const groupIds = await resolveGroupIds({ tx, names: [...groups, ...changed.groups.removed] });
    await releaseManualGroups(
      tx,
      changed.groups.removed.map((name) => ({
        personId: person.id,
        groupId: groupIds.get(name) as string,
      })),
    );
    await tx.personGroup.createMany({
      data: changed.groups.added.map((name) => ({
        orgId: actor.orgId,
        personId: person.id,
        groupId: groupIds.get(name) as string,
      })),
    });
  }
  const updated = await tx.person.update({
    where: { id: person.id },
    data: {
      ...(changed.displayName === undefined ? {} : { displayName: changes.displayName ?? null }),
      ...(changed.externalId === undefined ? {} : { externalId: changes.externalId ?? null }),
      ...(changed.active === undefined ? {} : { active: changes.active }),
    },
    select: personSelect,
  });
  if (record) {
    await recordPersonActivity(tx, {
      actor,
      action: 'person.updated',
      target: person.email,
      details: changed as Record<string, JsonValue>,
      ip,
    });
  }
  return toPersonRecord(updated);
}

export type PersonFieldChanges = {
  displayName?: { from: string | null; to: string | null };
  externalId?: { from: string | null; to: string | null };
  active?: { from: boolean; to: boolean };
  groups?: { added: string[]; removed: string[] };
};

/** What `changes` would change on `person`, field by field; empty when nothing. */
export function describePersonChanges(
  person: PersonRecord,
  changes: PersonChanges,
): PersonFieldChanges {
  const result: PersonFieldChanges = {};
  for (const field of ['displayName', 'externalId'] as const) {
    const next = changes[field];
    if (next !== undefined && next !== person[field]) {
      result[field] = { from: person[field], to: next };
    }
  }
  if (changes.active !== undefined && changes.active !== person.active) {
    result.active = { from: person.active, to: changes.active };
  }
  if (changes.groups !== undefined) {
    const next = new Set(changes.groups);
    const current = new Set(person.groups);
    const added = changes.groups.filter((name) => !current.has(name));
    // A group held through the directory is not the admin's to remove here: it stays until
    // the IdP or the mapping changes, whatever list of groups an edit or import sends.
    const fromDirectory = new Set(person.directoryGroups);
    const removed = person.groups.filter((name) => !next.has(name) && !fromDirectory.has(name));
    if (added.length > 0 || removed.length > 0) result.groups = { added, removed };
  }
  return result;
}
