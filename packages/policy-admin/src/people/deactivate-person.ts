import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { type PersonIdInput, personIdSchema } from './person-id.schema';
import { type PersonRecord, personSelect, toPersonRecord } from './person-record';
import { recordPersonActivity } from './record-person-activity';

/**
 * Marks a person inactive: their agents then get the baseline policy only (see
 * getEffectivePolicy). The row stays, with its groups: the directory (and SCIM after it)
 * deactivates rather than deletes, and the activity log keeps naming who the person was.
 * Deactivating someone already inactive changes and records nothing.
 */
export async function deactivatePerson({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: PersonIdInput }): Promise<PersonRecord> {
  assertRole(actor, 'admin');
  const { personId } = parseInput(personIdSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const person = await tx.person.findFirst({ where: { id: personId }, select: personSelect });
    if (!person) throw new AppError('NOT_FOUND', 'This person is not in the directory.');
    if (!person.active) return toPersonRecord(person);
    const updated = await tx.person.update({
      where: { id: person.id },
      data: { active: false },
      select: personSelect,
    });
    await recordPersonActivity(tx, {
      actor,
      action: 'person.deactivated',
      target: person.email,
      details: {},
      ip,
    });
    return toPersonRecord(updated);
  });
}
