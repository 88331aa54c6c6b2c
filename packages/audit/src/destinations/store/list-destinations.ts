import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { type DestinationIdInput, destinationIdSchema } from './destination-fields.schema';
import { type DestinationView, destinationSelect, toDestinationView } from './destination-view';

/** The organization's destinations by name, with state and lag, never their secrets. Auditors and up. */
export async function listDestinations({
  db,
  actor,
  now = new Date(),
}: Omit<MemberContext, 'ip'>): Promise<DestinationView[]> {
  assertRole(actor, 'auditor');
  const rows = await scopedDb({ prisma: db, orgId: actor.orgId }).auditDestination.findMany({
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: destinationSelect,
  });
  return Promise.all(rows.map((row) => toDestinationView(db, row, now)));
}

/** One destination of the organization, with state and lag. Auditors and up. */
export async function getDestination({
  db,
  actor,
  input,
  now = new Date(),
}: Omit<MemberContext, 'ip'> & { input: DestinationIdInput }): Promise<DestinationView> {
  assertRole(actor, 'auditor');
  const { id } = parseInput(destinationIdSchema, input);
  const row = await scopedDb({ prisma: db, orgId: actor.orgId }).auditDestination.findFirst({
    where: { id },
    select: destinationSelect,
  });
  if (!row) throw destinationNotFound();
  return toDestinationView(db, row, now);
}

/** One answer for an unknown id and another organization's, so neither is told apart. */
export function destinationNotFound(): AppError {
  return new AppError('NOT_FOUND', 'This destination does not exist.');
}
