import {
  assertRole,
  inOrgTransaction,
  isUniqueViolation,
  type MemberContext,
  parseInput,
} from '@parapet/accounts';
import type { JsonValue } from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import { type DestinationInput, destinationInputSchema } from '../destination-schemas';
import { splitDestinationSecrets } from '../destination-secrets';
import { assertTargetAllowed, type DestinationNetwork } from './check-target';
import { type DestinationView, destinationSelect, toDestinationView } from './destination-view';
import { recordDestinationActivity } from './record-destination-activity';

// Past every sequence number: a cursor at (xmin − 1, this) is behind the events of every
// transaction that ended before the snapshot, and ahead of those still running or to come.
const lastSeq = 9_223_372_036_854_775_807n;

/**
 * Adds a SIEM destination. Its secrets are sealed; its target must be one the operator's network
 * policy allows. It starts at the current end of both streams (stored events and admin
 * activity), so it receives what happens from now on rather than replaying history. Admins and up.
 */
export async function createDestination({
  db,
  actor,
  input,
  ip,
  now = new Date(),
  network,
}: MemberContext & {
  input: DestinationInput;
  network: DestinationNetwork;
}): Promise<DestinationView> {
  assertRole(actor, 'admin');
  const config = parseInput(destinationInputSchema, input);
  await assertTargetAllowed(config, network);
  const { settings, secretSealed, secretHint } = splitDestinationSecrets({
    orgId: actor.orgId,
    config,
  });
  // Taken before the insert's transaction (the scoped client runs no raw SQL): an event stored
  // in between is sent, not skipped.
  const [position] = await db.$queryRaw<{ xmin: bigint }[]>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin`;
  const insert = inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const org = await tx.organization.findFirstOrThrow({
      where: { id: actor.orgId },
      select: { lastActivitySeq: true },
    });
    const created = await tx.auditDestination.create({
      data: {
        orgId: actor.orgId,
        name: config.name,
        type: config.type,
        format: config.format,
        enabled: config.enabled ?? true,
        settings: settings as object,
        secretSealed,
        secretHint,
        eventsCursorTx: (position?.xmin ?? 1n) - 1n,
        eventsCursorSeq: lastSeq,
        // The activity entry below comes after this position, so it is the first one exported.
        activityCursorSeq: org.lastActivitySeq,
        createdByUserId: actor.userId,
        createdAt: now,
      },
      select: destinationSelect,
    });
    await recordDestinationActivity(tx, {
      actor,
      action: 'destination.create',
      target: created.name,
      details: {
        destinationId: created.id,
        type: config.type,
        format: config.format,
        enabled: created.enabled,
        settings: settings as Record<string, JsonValue>,
      },
      ip,
    });
    return created;
  });
  const created = await insert.catch((error: unknown) => {
    throw nameConflict(error, config.name);
  });
  return toDestinationView(db, created, now);
}

/** A unique violation on (org, name) becomes a CONFLICT naming the field; anything else passes. */
export function nameConflict(error: unknown, name: string): unknown {
  if (!isUniqueViolation(error)) return error;
  const message = `A destination named “${name}” already exists.`;
  return new AppError('CONFLICT', message, { fieldErrors: { name: [message] } });
}
