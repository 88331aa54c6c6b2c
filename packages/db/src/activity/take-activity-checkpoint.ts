import { type ActivityCheckpoint, signActivityCheckpoint } from './activity-checkpoint';
import type { ActivityDb } from './activity-db';
import { walkSinceVerifiedPosition } from './activity-verified-position';
import type { ActivityChainVerdict } from './verify-activity-chain';

export type ActivityCheckpointTaken =
  | { ok: true; checkpoint: ActivityCheckpoint }
  | { ok: false; chain: Extract<ActivityChainVerdict, { ok: false }> };

/**
 * A signed checkpoint of the org's newest entry, once the chain up to it verifies (from the last
 * verified position, which moves there too). A broken chain gets no checkpoint: the statement
 * would vouch for altered entries.
 */
export async function takeActivityCheckpoint({
  db,
  orgId,
  now = new Date(),
}: {
  db: ActivityDb;
  orgId: string;
  now?: Date;
}): Promise<ActivityCheckpointTaken> {
  const walk = await walkSinceVerifiedPosition({ db, orgId, now });
  if (!walk.ok) {
    const { count, brokenAtSeq, reason } = walk;
    return { ok: false, chain: { ok: false, count, brokenAtSeq, reason } };
  }
  return { ok: true, checkpoint: signActivityCheckpoint({ orgId, ...walk.head, time: now }) };
}
