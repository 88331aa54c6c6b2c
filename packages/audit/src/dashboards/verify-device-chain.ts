import { type Actor, assertRole, parseInput } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import type pg from 'pg';
import { z } from 'zod';
import { GENESIS_PREV } from '../event/audit-event-schema';
import { hashAuditEvent } from '../event/hash-audit-event';

export const verifyDeviceChainSchema = z.strictObject({
  device: z.uuid({ error: 'Choose a device.' }),
});

/**
 * What can be wrong in a stored chain: a body that no longer hashes to its stored hash
 * (`edited`), an event whose `prev` is not its predecessor's hash (`break`), seqs skipped
 * (`gap`), two events with one seq (`fork`), or a first event that claims a predecessor.
 */
export type ChainProblemKind = 'edited' | 'break' | 'gap' | 'fork' | 'bad_genesis';

export type ChainProblem = {
  kind: ChainProblemKind;
  seq: number;
  id: string;
  /** What the chain needed (a hash, or the seq expected). */
  expected: string;
  found: string;
};

export type ChainVerification = {
  deviceId: string;
  /** `intact` when no problem was found in the stored events. */
  outcome: 'intact' | 'problems';
  checked: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** The first problem in seq order, and how many of each kind there are. */
  firstProblem: ChainProblem | null;
  problems: Record<ChainProblemKind, number>;
};

const pageSize = 2_000;

type StoredLink = { id: string; seq: string; hash: string; body: Record<string, unknown> };

/**
 * Walks a device's stored events in seq order, recomputing each body's hash and checking it
 * against the stored hash and against the next event's `prev`. Reads pages by keyset, so a long
 * chain costs memory for one page. Events before the oldest stored one (dropped by retention)
 * cannot be checked: the walk starts at the oldest it has. Auditors and up.
 */
export async function verifyDeviceChain({
  pool,
  actor,
  input,
}: {
  pool: pg.Pool;
  actor: Actor;
  input: z.input<typeof verifyDeviceChainSchema>;
}): Promise<ChainVerification> {
  assertRole(actor, 'auditor');
  const { device } = parseInput(verifyDeviceChainSchema, input);
  const known = await pool.query('SELECT 1 FROM devices WHERE id = $1 AND org_id = $2', [
    device,
    actor.orgId,
  ]);
  if (known.rowCount === 0) throw new AppError('NOT_FOUND', 'There is no such device.');
  const result: ChainVerification = {
    deviceId: device,
    outcome: 'intact',
    checked: 0,
    firstSeq: null,
    lastSeq: null,
    firstProblem: null,
    problems: { edited: 0, break: 0, gap: 0, fork: 0, bad_genesis: 0 },
  };
  const note = (problem: ChainProblem) => {
    result.problems[problem.kind] += 1;
    result.firstProblem ??= problem;
    result.outcome = 'problems';
  };
  let previous: { seq: number; hash: string } | null = null;
  let after = { seq: 0, id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const { rows } = await pool.query<StoredLink>(
      `SELECT e.id, e.seq::text AS seq, e.hash, e.body FROM audit.events e
        WHERE e.device_id = $1 AND e.org_id = $2 AND (e.seq, e.id) > ($3::bigint, $4::uuid)
        ORDER BY e.seq, e.id LIMIT ${pageSize}`,
      [device, actor.orgId, after.seq, after.id],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const recomputed = hashAuditEvent(row.body);
      const prev = String(row.body.prev ?? '');
      if (recomputed !== row.hash) {
        note({ kind: 'edited', seq, id: row.id, expected: row.hash, found: recomputed });
      }
      if (previous === null) {
        result.firstSeq = seq;
        if (seq === 1 && prev !== GENESIS_PREV) {
          note({ kind: 'bad_genesis', seq, id: row.id, expected: GENESIS_PREV, found: prev });
        }
      } else if (seq === previous.seq) {
        note({ kind: 'fork', seq, id: row.id, expected: String(seq + 1), found: String(seq) });
      } else if (seq > previous.seq + 1) {
        note({
          kind: 'gap',
          seq,
          id: row.id,
          expected: String(previous.seq + 1),
          found: String(seq),
        });
      } else if (prev !== previous.hash) {
        note({ kind: 'break', seq, id: row.id, expected: previous.hash, found: prev });
      }
      // The next event must name the hash of the body as it is now.
      previous = { seq, hash: recomputed };
      result.checked += 1;
      result.lastSeq = seq;
      after = { seq, id: row.id };
    }
    if (rows.length < pageSize) return result;
  }
}
