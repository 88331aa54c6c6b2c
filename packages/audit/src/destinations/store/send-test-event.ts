import { hostname } from 'node:os';
import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { deliverBatch } from '../../deliver/deliver-batch';
import type { EncodeContext } from '../../encode/encode-batch';
import { openDestinationConfig } from '../destination-secrets';
import { buildTestRecord } from './build-test-record';
import type { DestinationNetwork } from './check-target';
import { type DestinationIdInput, destinationIdSchema } from './destination-fields.schema';
import { destinationNotFound } from './list-destinations';
import { recordDestinationActivity } from './record-destination-activity';

/** How long a test delivery may take before it counts as failed. */
export const testEventTimeoutMs = 10_000;

/** What the receiver made of the test event: a failure is an answer too, not an error. */
export type TestEventOutcome = {
  delivered: boolean;
  /** The receiver's HTTP status, when it answered. */
  status?: number | undefined;
  /** Why it was not delivered, without secrets. */
  error?: string | undefined;
  durationMs: number;
};

/**
 * Sends one synthetic, clearly marked decision to a destination, whether or not it is enabled,
 * and says how the receiver answered. It moves no cursor and changes no state: the worker's
 * record of the destination stays its own. The attempt is recorded in the activity log.
 * Admins and up.
 */
export async function sendTestEvent({
  db,
  actor,
  input,
  ip,
  now = new Date(),
  network,
  context = { hostname: hostname(), productVersion: '0.0.0' },
}: MemberContext & {
  input: DestinationIdInput;
  network: DestinationNetwork;
  /** What the encoders stamp as the sender (syslog HOSTNAME, Splunk host, product version). */
  context?: EncodeContext;
}): Promise<TestEventOutcome> {
  assertRole(actor, 'admin');
  const { id } = parseInput(destinationIdSchema, input);
  const stored = await scopedDb({ prisma: db, orgId: actor.orgId }).auditDestination.findFirst({
    where: { id },
    select: {
      orgId: true,
      name: true,
      type: true,
      format: true,
      enabled: true,
      settings: true,
      secretSealed: true,
    },
  });
  if (!stored) throw destinationNotFound();
  const config = openDestinationConfig(stored);
  const started = performance.now();
  const answer = await deliverBatch({
    config,
    records: [buildTestRecord({ orgId: actor.orgId, now })],
    network,
    context,
    timeoutMs: testEventTimeoutMs,
  });
  const outcome: TestEventOutcome = {
    delivered: answer.outcome === 'delivered',
    ...(answer.status === undefined ? {} : { status: answer.status }),
    ...(answer.outcome === 'delivered' ? {} : { error: answer.error }),
    durationMs: Math.round(performance.now() - started),
  };
  await inOrgTransaction({ db, orgId: actor.orgId }, (tx) =>
    recordDestinationActivity(tx, {
      actor,
      action: 'destination.test',
      target: stored.name,
      details: {
        destinationId: id,
        delivered: outcome.delivered,
        status: outcome.status ?? null,
        error: outcome.error ?? null,
      },
      ip,
    }),
  );
  return outcome;
}
