import type { Prisma } from '@parapet/db';
import { verifyActivityChain } from '@parapet/db/activity';
import { scopedDb } from '@parapet/db/scoped';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';
import { parseInput } from '../shared/parse-input';
import { type ListActivityInput, listActivitySchema } from './list-activity.schema';

export type ActivityRow = {
  id: string;
  seq: number;
  createdAt: Date;
  actorEmail: string | null;
  action: string;
  target: string | null;
  details: Prisma.JsonValue;
  ip: string | null;
};

/**
 * The chain's state. `checked` says how much was read this time: `all` entries, or the `new`
 * ones since the last verified entry (earlier ones were verified when they were new).
 */
export type ChainStatus = { checked: 'new' | 'all' } & (
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAtSeq: number | undefined; reason: string | undefined }
);

export type ActivityPage = {
  entries: ActivityRow[];
  /** Where the next page starts, when there are older entries. */
  nextBefore: number | undefined;
  chain: ChainStatus;
};

/**
 * One page of the organization's activity log, newest first, with the hash chain verified: by
 * default from the last verified entry to the newest (so a page view costs what was appended
 * since, and a cut below that entry still shows as broken), or over the whole log with
 * `verify: 'all'`.
 */
export async function listActivity({
  db,
  actor,
  input = {},
  now,
}: Omit<MemberContext, 'ip'> & { input?: ListActivityInput }): Promise<ActivityPage> {
  assertRole(actor, 'auditor');
  const { before, limit, verify } = parseInput(listActivitySchema, input);
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const rows = await scoped.activityLogEntry.findMany({
    where: before === undefined ? {} : { seq: { lt: before } },
    orderBy: { seq: 'desc' },
    take: limit + 1,
    select: {
      id: true,
      seq: true,
      createdAt: true,
      actorEmail: true,
      action: true,
      target: true,
      details: true,
      ip: true,
    },
  });
  const entries = rows.slice(0, limit);
  const verification = await verifyActivityChain({
    db,
    orgId: actor.orgId,
    since: verify === 'all' ? 'start' : 'last-verified',
    now,
  });
  const chain: ChainStatus = verification.ok
    ? { checked: verify, ok: true, count: verification.count }
    : {
        checked: verify,
        ok: false,
        count: verification.count,
        brokenAtSeq: verification.brokenAtSeq,
        reason: verification.reason,
      };
  return {
    entries,
    nextBefore: rows.length > limit ? entries.at(-1)?.seq : undefined,
    chain,
  };
}
