import { z } from 'zod';
import type { ActivityLogEntry, Prisma } from '../generated/prisma/client';
import { activityChainKey } from './activity-chain-key';
import type { ActivityDb } from './activity-db';
import type { JsonValue } from './canonical-json';
import { generateUuidV7 } from './generate-uuid-v7';
import { GENESIS_HASH, hashActivityEntry } from './hash-activity-entry';

const noNul = (value: string) => !value.includes('\u0000');

// Postgres text and jsonb cannot hold NUL characters; refusing them here gives a clear error
// instead of a driver failure halfway through the caller's transaction.
const appendActivityInput = z.object({
  orgId: z.uuid(),
  actorUserId: z.uuid().nullish(),
  actorEmail: z.string().max(254).refine(noNul).nullish(),
  action: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z][a-z0-9_.:-]*$/, 'action must be a lower-case identifier such as member.invite'),
  target: z.string().max(300).refine(noNul).nullish(),
  details: z
    .record(z.string(), z.unknown())
    .optional()
    .refine((details) => !JSON.stringify(details ?? {}).includes('\\u0000'), 'details contain NUL'),
  ip: z.string().max(64).refine(noNul).nullish(),
});

export type AppendActivityInput = z.input<typeof appendActivityInput>;

/**
 * Appends an entry to the org's hash-chained activity log, inside the caller's transaction so
 * the entry commits or rolls back together with the change it records. Appends for one org are
 * serialised by incrementing `organizations.last_activity_seq`, whose row lock is held until the
 * transaction ends: `seq` has no gaps and `prevHash` is always the previous entry's `hash`.
 * Without a master key in the process it throws `MASTER_KEY_MISSING` before touching the database,
 * which rolls back the caller's change: nothing is recorded unkeyed.
 */
export async function appendActivity(
  tx: ActivityDb,
  input: AppendActivityInput,
): Promise<ActivityLogEntry> {
  const entry = appendActivityInput.parse(input);
  const key = activityChainKey();
  const { lastActivitySeq: seq } = await tx.organization.update({
    where: { id: entry.orgId },
    data: { lastActivitySeq: { increment: 1 } },
    select: { lastActivitySeq: true },
  });
  const previous = await tx.activityLogEntry.findUnique({
    where: { orgId_seq: { orgId: entry.orgId, seq: seq - 1 } },
    select: { hash: true },
  });
  const content = {
    id: generateUuidV7(),
    orgId: entry.orgId,
    seq,
    actorUserId: entry.actorUserId ?? null,
    actorEmail: entry.actorEmail ?? null,
    action: entry.action,
    target: entry.target ?? null,
    // A JSON round trip drops undefined members and turns dates into strings, exactly as the
    // jsonb column will, so the hash is computed over what is actually stored.
    details: JSON.parse(JSON.stringify(entry.details ?? {})) as JsonValue,
    ip: entry.ip ?? null,
    createdAt: new Date(),
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return tx.activityLogEntry.create({
    data: {
      ...content,
      details: content.details as Prisma.InputJsonValue,
      hash: hashActivityEntry({ entry: content, key }),
    },
  });
}
