import { type Actor, type OrgTransaction, recordActivity } from '@parapet/accounts';
import type { JsonValue } from '@parapet/db/activity';

/** What the directory records in the organization's activity log. */
export type PersonAction =
  | 'person.created'
  | 'person.updated'
  | 'person.deactivated'
  | 'people.imported';

/** Appends one directory change to the activity log, in the transaction that made it. */
export function recordPersonActivity(
  tx: OrgTransaction,
  {
    actor,
    action,
    target,
    details,
    ip,
  }: {
    actor: Actor;
    action: PersonAction;
    target: string | null;
    details: Record<string, JsonValue>;
    ip: string | undefined;
  },
): Promise<unknown> {
  // Given the actor, the entry names an API key beside its creator when a key acted.
  return recordActivity(tx, {
    actor,
    action,
    target,
    details,
    ip,
  });
}
