import { type Actor, type OrgTransaction, recordActivity } from '@parapet/accounts';
import type { Prisma } from '@parapet/db';
import { appendActivity, type JsonValue } from '@parapet/db/activity';

/** What distribution records in the organization's activity log. Never a token or a key. */
export type DistributionAction =
  | 'enrollment_token.created'
  | 'enrollment_token.revoked'
  | 'device.enrolled'
  | 'device.revoked'
  | 'signing_key.rotated'
  | 'signing_key.retired';

type DistributionEntry = {
  action: DistributionAction;
  target: string | null;
  details: Record<string, JsonValue>;
  ip?: string | undefined;
};

/** Appends one member's distribution change to the activity log, in the change's transaction. */
export function recordDistributionActivity(
  tx: OrgTransaction,
  { actor, ...entry }: DistributionEntry & { actor: Actor },
): Promise<unknown> {
  return recordActivity(tx, { actor, ...entry });
}

/**
 * Appends a device's own act (enrollment) to its organization's activity log: no member is
 * behind it, so the entry names no actor; its details name the token used.
 */
export function recordDeviceActivity(
  tx: Prisma.TransactionClient,
  entry: DistributionEntry & { orgId: string },
): Promise<unknown> {
  return appendActivity(tx, entry);
}
