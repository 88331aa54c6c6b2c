import type { OrgTransaction } from '@parapet/accounts';
import { recomputeDirectoryPolicyGroups } from '../../mappings/recompute-directory-policy-groups';
import { deprovisionPerson } from '../deprovision-person';
import { recordDirectoryActivity } from '../record-directory-activity';
import type { ScimContext } from '../scim-context';

/**
 * What a change of `active` does beyond the flag: false takes the person out of every group
 * (deprovisionPerson) and is logged; true brings back the policy groups their directory
 * groups map to. Returns a sentence for the event log, or undefined when nothing changed.
 */
export async function applyActiveChange(
  tx: OrgTransaction,
  context: ScimContext,
  person: { id: string; email: string },
  change: { was: boolean; now: boolean },
): Promise<string | undefined> {
  if (change.was === change.now) return undefined;
  if (!change.now) {
    const removed = await deprovisionPerson(tx, person.id);
    await recordDirectoryActivity(tx, context, {
      action: 'directory.user_deprovisioned',
      target: person.email,
      details: removed,
    });
    return `deprovisioned: left ${removed.directoryGroups} directory group(s) and ${removed.policyGroups} policy group(s)`;
  }
  const restored = await recomputeDirectoryPolicyGroups({
    tx,
    orgId: context.orgId,
    personIds: [person.id],
  });
  await recordDirectoryActivity(tx, context, {
    action: 'directory.user_reactivated',
    target: person.email,
    details: { policyGroups: restored.added },
  });
  return `reactivated: back in ${restored.added} mapped policy group(s)`;
}
