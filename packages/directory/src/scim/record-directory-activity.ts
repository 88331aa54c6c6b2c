import { type OrgTransaction, recordActivity } from '@parapet/accounts';
import type { ScimContext } from './scim-context';

export type DirectoryActivity =
  | 'directory.user_provisioned'
  | 'directory.user_deprovisioned'
  | 'directory.user_reactivated'
  | 'directory.user_deleted';

/**
 * Appends a directory's change of a person to the org's activity log. No member acted, so the
 * entry has no actor user; its details name the directory that did.
 */
export function recordDirectoryActivity(
  tx: OrgTransaction,
  context: ScimContext,
  {
    action,
    target,
    details,
  }: {
    action: DirectoryActivity;
    target: string;
    details?: Record<string, string | number | boolean>;
  },
) {
  return recordActivity(tx, {
    orgId: context.orgId,
    actorUserId: null,
    actorEmail: null,
    action,
    target,
    details: { directoryId: context.directoryId, directory: context.directoryName, ...details },
  });
}
