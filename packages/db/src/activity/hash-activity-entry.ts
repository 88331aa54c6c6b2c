import { createHmac } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json';

/** The `prevHash` of an org's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedActivityContent = {
  id: string;
  orgId: string;
  seq: number;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  target: string | null;
  details: JsonValue;
  ip: string | null;
  createdAt: Date;
  prevHash: string;
};

/**
 * HMAC-SHA-256 (hex), under the activity chain key, over the canonical JSON of everything an
 * entry says, including the previous entry's hash: changing any field, or any earlier entry,
 * changes this value, and nobody without the key can compute the new one.
 */
export function hashActivityEntry({
  entry,
  key,
}: {
  entry: HashedActivityContent;
  /** `activityChainKey()`. */
  key: Buffer;
}): string {
  const content = canonicalJson({
    id: entry.id,
    orgId: entry.orgId,
    seq: entry.seq,
    actorUserId: entry.actorUserId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    target: entry.target,
    details: entry.details,
    ip: entry.ip,
    createdAt: entry.createdAt.toISOString(),
    prevHash: entry.prevHash,
  });
  return createHmac('sha256', key).update(content, 'utf8').digest('hex');
}
