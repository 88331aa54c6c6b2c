import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestDatabase, type TestDatabase } from '../testing';
import { appendActivity } from './append-activity';
import { canonicalJson, type JsonValue } from './canonical-json';
import { GENESIS_HASH, hashActivityEntry } from './hash-activity-entry';
import { verifyActivityChain } from './verify-activity-chain';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function orgWithEntries(count: number): Promise<string> {
  const org = await createOrg({ prisma: db.prisma });
  for (let index = 0; index < count; index++) {
    await db.prisma.$transaction((tx) =>
      appendActivity(tx, {
        orgId: org.id,
        actorEmail: 'owner@example.test',
        action: 'member.invite',
        target: `user-${index}@example.test`,
        details: { role: 'auditor', nested: { b: 2, a: [1, { y: true, x: null }] } },
        ip: '127.0.0.1',
      }),
    );
  }
  return org.id;
}

/** Runs SQL as the tables' owner with the append-only trigger switched off: a DBA tampering. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: db.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE activity_log DISABLE TRIGGER activity_log_append_only');
    await client.query(sql, params);
    await client.query('ALTER TABLE activity_log ENABLE TRIGGER activity_log_append_only');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

describe('appendActivity', () => {
  it('chains entries: gap-free seq, each prevHash the previous hash, genesis first', async () => {
    const orgId = await orgWithEntries(3);
    const entries = await db.prisma.activityLogEntry.findMany({
      where: { orgId },
      orderBy: { seq: 'asc' },
    });
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
    expect(await verifyActivityChain({ db: db.prisma, orgId })).toEqual({ ok: true, count: 3 });
  });

  it('keeps a valid chain under concurrent appends from many transactions', async () => {
    const org = await createOrg({ prisma: db.prisma });
    await Promise.all(
      Array.from({ length: 8 }, (_, worker) =>
        db.prisma.$transaction(async (tx) => {
          for (let step = 0; step < 3; step++) {
            await appendActivity(tx, {
              orgId: org.id,
              action: 'test.concurrent',
              details: { worker, step },
            });
          }
        }),
      ),
    );
    const seqs = await db.prisma.activityLogEntry.findMany({
      where: { orgId: org.id },
      orderBy: { seq: 'asc' },
      select: { seq: true },
    });
    expect(seqs.map((row) => row.seq)).toEqual(Array.from({ length: 24 }, (_, index) => index + 1));
    expect(await verifyActivityChain({ db: db.prisma, orgId: org.id })).toEqual({
      ok: true,
      count: 24,
    });
  });

  it('leaves no entry and no gap when the recording transaction rolls back', async () => {
    const orgId = await orgWithEntries(2);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendActivity(tx, { orgId, action: 'member.remove' });
        throw new Error('the change being recorded failed');
      }),
    ).rejects.toThrow('the change being recorded failed');
    expect(await db.prisma.activityLogEntry.count({ where: { orgId } })).toBe(2);
    const next = await db.prisma.$transaction((tx) =>
      appendActivity(tx, { orgId, action: 'member.remove' }),
    );
    expect(next.seq).toBe(3);
    expect(await verifyActivityChain({ db: db.prisma, orgId })).toEqual({ ok: true, count: 3 });
  });

  it.each([
    ['an upper-case action', { action: 'Member.Invite' }],
    ['an empty action', { action: '' }],
    ['an oversized target', { action: 'x.y', target: 'x'.repeat(301) }],
    ['a NUL in the target', { action: 'x.y', target: 'a\u0000b' }],
    ['an actor id that is not a uuid', { action: 'x.y', actorUserId: 'alice' }],
  ])('refuses %s', async (_name, input) => {
    const org = await createOrg({ prisma: db.prisma });
    await expect(
      db.prisma.$transaction((tx) => appendActivity(tx, { orgId: org.id, ...input })),
    ).rejects.toThrow();
    expect(await db.prisma.activityLogEntry.count({ where: { orgId: org.id } })).toBe(0);
  });
});

describe('the append-only trigger', () => {
  it.each([
    ['UPDATE', `UPDATE activity_log SET action = 'forged' WHERE org_id = $1`],
    ['DELETE', 'DELETE FROM activity_log WHERE org_id = $1'],
    ['TRUNCATE', 'TRUNCATE activity_log'],
  ])('refuses %s through normal SQL', async (operation, sql) => {
    const orgId = await orgWithEntries(1);
    const client = new pg.Client({ connectionString: db.databaseUrl });
    await client.connect();
    try {
      const params = sql.includes('$1') ? [orgId] : [];
      await expect(client.query(sql, params)).rejects.toThrow(
        `activity_log is append-only: ${operation} is not allowed`,
      );
    } finally {
      await client.end();
    }
    expect(await db.prisma.activityLogEntry.count({ where: { orgId } })).toBe(1);
  });
});

describe('verifyActivityChain', () => {
  it('detects a modified entry at its seq', async () => {
    const orgId = await orgWithEntries(5);
    await tamper(`UPDATE activity_log SET target = 'someone-else' WHERE org_id = $1 AND seq = 3`, [
      orgId,
    ]);
    expect(await verifyActivityChain({ db: db.prisma, orgId })).toEqual({
      ok: false,
      count: 2,
      brokenAtSeq: 3,
      reason: 'content_changed',
    });
  });

  it('detects a modified entry whose own hash was recomputed, at the next link', async () => {
    const orgId = await orgWithEntries(4);
    const original = await db.prisma.activityLogEntry.findUniqueOrThrow({
      where: { orgId_seq: { orgId, seq: 2 } },
    });
    const forged = { ...original, target: 'someone-else', details: original.details as JsonValue };
    await tamper('UPDATE activity_log SET target = $2, hash = $3 WHERE id = $1', [
      original.id,
      forged.target,
      hashActivityEntry(forged),
    ]);
    expect(await verifyActivityChain({ db: db.prisma, orgId })).toEqual({
      ok: false,
      count: 2,
      brokenAtSeq: 3,
      reason: 'prev_hash_mismatch',
    });
  });

  it('detects a deleted entry in the middle', async () => {
    const orgId = await orgWithEntries(5);
    await tamper('DELETE FROM activity_log WHERE org_id = $1 AND seq = 2', [orgId]);
    expect(await verifyActivityChain({ db: db.prisma, orgId })).toEqual({
      ok: false,
      count: 1,
      brokenAtSeq: 2,
      reason: 'missing_entry',
    });
  });

  it('detects deleted newest entries against the org row', async () => {
    const orgId = await orgWithEntries(4);
    await tamper('DELETE FROM activity_log WHERE org_id = $1 AND seq >= 3', [orgId]);
    expect(await verifyActivityChain({ db: db.prisma, orgId })).toEqual({
      ok: false,
      count: 2,
      brokenAtSeq: 3,
      reason: 'missing_entry',
    });
  });

  it("is not disturbed by tampering with another org's log", async () => {
    const victim = await orgWithEntries(2);
    const bystander = await orgWithEntries(2);
    await tamper(`UPDATE activity_log SET action = 'forged' WHERE org_id = $1`, [victim]);
    expect(await verifyActivityChain({ db: db.prisma, orgId: bystander })).toEqual({
      ok: true,
      count: 2,
    });
  });

  it('verifies an empty log', async () => {
    const org = await createOrg({ prisma: db.prisma });
    expect(await verifyActivityChain({ db: db.prisma, orgId: org.id })).toEqual({
      ok: true,
      count: 0,
    });
  });
});

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: [3, { d: null, c: 'x' }] } }, '{"z":{"y":[3,{"c":"x","d":null}]}}'],
    [[1, 'two', true, null], '[1,"two",true,null]'],
    ['quote " and \\ slash', '"quote \\" and \\\\ slash"'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
