import { type ActivityCheckpoint, takeActivityCheckpoint } from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';

/**
 * A signed checkpoint of the organization's newest activity entry, to keep outside Parapet:
 * verified later against the log, it shows whether the log still holds that entry. Taking one is
 * a read, like viewing the page, so it is not recorded in the log (an entry for it would also
 * make every checkpoint one entry behind the moment it is downloaded).
 */
export async function createActivityCheckpoint({
  db,
  actor,
  now,
}: Omit<MemberContext, 'ip'>): Promise<ActivityCheckpoint> {
  assertRole(actor, 'auditor');
  const taken = await takeActivityCheckpoint({ db, orgId: actor.orgId, now });
  if (!taken.ok) {
    throw new AppError(
      'ACTIVITY_CHAIN_BROKEN',
      `The activity log is broken at #${taken.chain.brokenAtSeq}, so no checkpoint can vouch for it. Verify a checkpoint taken earlier to see what changed.`,
    );
  }
  return taken.checkpoint;
}
