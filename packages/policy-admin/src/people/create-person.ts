import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { type CreatePersonInput, createPersonSchema } from './create-person.schema';
import { assertPersonUnique, mapPersonConflict } from './person-conflicts';
import { type PersonRecord, personSelect, toPersonRecord } from './person-record';
import { recordPersonActivity } from './record-person-activity';
import { resolveGroupIds } from './resolve-group-ids';

/**
 * Adds a person to the organization's directory, active, in the named groups. Refuses an email
 * or external id already in the directory, and group names the organization does not have.
 */
export async function createPerson({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: CreatePersonInput }): Promise<PersonRecord> {
  assertRole(actor, 'admin');
  const { email, displayName, externalId, groups } = parseInput(createPersonSchema, input);
  return mapPersonConflict(() =>
    inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
      await assertPersonUnique({ tx, email, externalId });
      const groupIds = await resolveGroupIds({ tx, names: groups });
      const person = await tx.person.create({
        data: {
          orgId: actor.orgId,
          email,
          displayName: displayName ?? null,
          externalId: externalId ?? null,
          groups: {
            create: groups.map((name) => ({
              orgId: actor.orgId,
              groupId: groupIds.get(name) as string,
            })),
          },
        },
        select: personSelect,
      });
      await recordPersonActivity(tx, {
        actor,
        action: 'person.created',
        target: email,
        details: { groups, ...(externalId === undefined ? {} : { externalId }) },
        ip,
      });
      return toPersonRecord(person);
    }),
  );
}
