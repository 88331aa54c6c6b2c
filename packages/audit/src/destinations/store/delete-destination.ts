import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { type DestinationIdInput, destinationIdSchema } from './destination-fields.schema';
import { destinationNotFound } from './list-destinations';
import { recordDestinationActivity } from './record-destination-activity';

/**
 * Deletes a destination: nothing more is sent to it, and its sealed secrets go with the row.
 * What it already received stays with the receiver. Admins and up.
 */
export async function deleteDestination({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: DestinationIdInput }): Promise<{ id: string; name: string }> {
  assertRole(actor, 'admin');
  const { id } = parseInput(destinationIdSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const found = await tx.auditDestination.findFirst({
      where: { id },
      select: { id: true, name: true, type: true, exportedEvents: true },
    });
    if (!found) throw destinationNotFound();
    // deleteMany keeps the organization's scope in the filter; a worker holding a lease on it
    // finds the row gone when it writes the outcome.
    await tx.auditDestination.deleteMany({ where: { id } });
    await recordDestinationActivity(tx, {
      actor,
      action: 'destination.delete',
      target: found.name,
      details: {
        destinationId: id,
        type: found.type,
        exportedEvents: Number(found.exportedEvents),
      },
      ip,
    });
    return { id, name: found.name };
  });
}
