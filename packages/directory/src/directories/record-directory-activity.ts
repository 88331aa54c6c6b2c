import { type Actor, type OrgTransaction, recordActivity } from '@parapet/accounts';
import type { JsonValue } from '@parapet/db/activity';

/** What a member's changes to directory connections record in the activity log. Never a token. */
export type DirectoryAction =
  | 'directory.created'
  | 'directory.token_rotated'
  | 'directory.deleted'
  | 'directory.mapping_set';

/** Appends one member's directory change to the activity log, in the change's transaction. */
export function recordDirectoryActivity(
  tx: OrgTransaction,
  entry: {
    actor: Actor;
    action: DirectoryAction;
    target: string;
    details: Record<string, JsonValue>;
    ip?: string | undefined;
  },
): Promise<unknown> {
  return recordActivity(tx, entry);
}
