import type { ActivityDb } from './activity-db';
import { walkSinceVerifiedPosition } from './activity-verified-position';
import {
  type ActivityChainBreak,
  type ActivityChainWalk,
  walkActivityChain,
} from './walk-activity-chain';

export type { ActivityChainBreak };

export type ActivityChainVerdict =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAtSeq: number; reason: ActivityChainBreak };

/**
 * Verifies the org's activity chain: each entry's hash matches its content, its `prevHash` is the
 * previous entry's hash, and no `seq` is missing, including at the end against
 * `organizations.last_activity_seq`. `count` is the number of entries that verified before the
 * first break (all of them when `ok`). Hashes are keyed (see `activityChainKey`), so a rewritten
 * tail fails even when its links were recomputed; a tail cut off together with the anchor does
 * not (that needs a checkpoint kept outside the database: see `checkActivityCheckpoint`).
 *
 * `since: 'start'` (the default) walks every entry and writes nothing. `since: 'last-verified'`
 * walks only from the position verified last time and moves it forward (see
 * `walkSinceVerifiedPosition` for what that does and does not re-check).
 */
export async function verifyActivityChain({
  db,
  orgId,
  since = 'start',
  now,
}: {
  db: ActivityDb;
  orgId: string;
  since?: 'start' | 'last-verified';
  now?: Date;
}): Promise<ActivityChainVerdict> {
  const walk =
    since === 'start'
      ? await walkActivityChain({ db, orgId })
      : await walkSinceVerifiedPosition({ db, orgId, now });
  return toVerdict(walk);
}

export function toVerdict(walk: ActivityChainWalk): ActivityChainVerdict {
  if (walk.ok) return { ok: true, count: walk.count };
  const { count, brokenAtSeq, reason } = walk;
  return { ok: false, count, brokenAtSeq, reason };
}
