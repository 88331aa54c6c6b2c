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

/** Appends one policy change to the activity log, in the transaction that made it. */
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
  const apiKey = actingApiKey(actor);
  return recordActivity(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorEmail: actor.email,
    action,
    target,
    // A key acts in its creator's name; the entry names the key too, so every use is traced.
    details: apiKey ? { ...details, apiKey } : (details ?? {}),
    ip,
  });
}

/** The API key an actor acts through, if any (a console session has none). */
export function actingApiKey(actor: Actor): { id: string; name: string } | undefined {
  return (actor as { apiKey?: { id: string; name: string } | undefined }).apiKey;
}

/** How a draft records who saved it last: the member's email, or the API key acting for them. */
export function describeAuthor(actor: Actor): string {
  const apiKey = actingApiKey(actor);
  return apiKey ? `API key "${apiKey.name}" (${apiKey.id})` : actor.email;
}
