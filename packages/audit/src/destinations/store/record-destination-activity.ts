import { type Actor, type OrgTransaction, recordActivity } from '@parapet/accounts';
import type { Prisma } from '@parapet/db';
import type { JsonValue } from '@parapet/db/activity';

/** What destination changes record in the organization's activity log. Never a secret. */
export type DestinationAction =
  | 'destination.create'
  | 'destination.update'
  | 'destination.delete'
  | 'destination.test';

/** Appends one member's destination change to the activity log, in the change's transaction. */
export function recordDestinationActivity(
  tx: OrgTransaction | Prisma.TransactionClient,
  entry: {
    actor: Actor;
    action: DestinationAction;
    target: string;
    details: Record<string, JsonValue>;
    ip?: string | undefined;
  },
): Promise<unknown> {
  return recordActivity(tx, entry);
}
