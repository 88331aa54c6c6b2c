import { type Actor, type OrgTransaction, recordActivity } from '@parapet/accounts';
import type { JsonValue } from '@parapet/db/activity';

/** What policy administration records in the organization's activity log. */
export type PolicyAction =
  | 'policy.group_created'
  | 'policy.group_updated'
  | 'policy.group_deleted'
  | 'policy.draft_saved'
  | 'policy.published'
  | 'policy.rolled_back';

/**
 * Appends one policy change to the activity log, in the transaction that made it. A call made
 * with an API key is recorded in its creator's name with the key named beside it.
 */
export function recordPolicyActivity(
  tx: OrgTransaction,
  {
    actor,
    action,
    target,
    details,
    ip,
  }: {
    actor: Actor;
    action: PolicyAction;
    target: string;
    details?: Record<string, JsonValue>;
    ip?: string | undefined;
  },
): Promise<unknown> {
  return recordActivity(tx, { actor, action, target, details: details ?? {}, ip });
}

/** How a draft records who saved it last: the member's email, or the API key acting for them. */
export function describeAuthor(actor: Actor): string {
  return actor.apiKey ? `API key "${actor.apiKey.name}" (${actor.apiKey.id})` : actor.email;
}
