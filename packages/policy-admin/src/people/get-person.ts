import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { type PersonIdInput, personIdSchema } from './person-id.schema';
import { type PersonRecord, personSelect, toPersonRecord } from './person-record';

/** One person of the organization's directory, with their groups. */
export async function getPerson({
  db,
  actor,
  input,
}: Omit<MemberContext, 'ip' | 'now'> & { input: PersonIdInput }): Promise<PersonRecord> {
  assertRole(actor, 'auditor');
  const { personId } = parseInput(personIdSchema, input);
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const person = await scoped.person.findFirst({ where: { id: personId }, select: personSelect });
  if (!person) throw new AppError('NOT_FOUND', 'This person is not in the directory.');
  return toPersonRecord(person);
}
