import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { readActivityCheckpoint } from './activity-checkpoint';
import { activityCheckpointPublicKey } from './activity-checkpoint-key';
import { activityFixtures } from './activity-fixtures';
import { checkActivityCheckpoint } from './check-activity-checkpoint';
import { takeActivityCheckpoint } from './take-activity-checkpoint';
import { verifyActivityChain } from './verify-activity-chain';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const { orgWithEntries, appendEntries, tamper, cutFrom } = activityFixtures(() => db);

function verifySinceLastVerified(orgId: string) {
  return verifyActivityChain({ db: db.prisma, orgId, since: 'last-verified' });
}

async function positionOf(orgId: string) {
  return db.prisma.activityVerifiedPosition.findUnique({ where: { orgId } });
}

async function hashOf(orgId: string, seq: number): Promise<string> {
  const entry = await db.prisma.activityLogEntry.findUniqueOrThrow({
    where: { orgId_seq: { orgId, seq } },
  });
  return entry.hash;
}

const changeTarget = (seq: number) =>
  `UPDATE activity_log SET target = 'someone-else' WHERE org_id = $1 AND seq = ${seq}`;

describe('verifying from the last verified position', () => {
  it('advances the position to the newest entry, as a checkpoint statement the console signed', async () => {
    const orgId = await orgWithEntries(3);
    expect(await positionOf(orgId)).toBeNull();
    expect(await verifySinceLastVerified(orgId)).toEqual({ ok: true, count: 3 });
    expect(await positionOf(orgId)).toMatchObject({ seq: 3, hash: await hashOf(orgId, 3) });

    await appendEntries(orgId, 2);
    expect(await verifySinceLastVerified(orgId)).toEqual({ ok: true, count: 5 });
    const position = await positionOf(orgId);
    expect(position).toMatchObject({ seq: 5, hash: await hashOf(orgId, 5) });
    const { keyId, publicKey } = activityCheckpointPublicKey();
    expect(
      readActivityCheckpoint({
        statement: {
          type: 'parapet.activity-checkpoint',
          version: 1,
          org: orgId,
          seq: position?.seq,
          hash: position?.hash,
          time: position?.verifiedAt.toISOString(),
        },
        signature: { algorithm: 'Ed25519', keyId, publicKey, value: position?.signature },
      }),
    ).toMatchObject({ ok: true });
  });

  it('re-reads only from the position: an entry changed in place before it shows in a full walk and in every checkpoint check', async () => {
    const orgId = await orgWithEntries(5);
    const taken = await takeActivityCheckpoint({ db: db.prisma, orgId });
    if (!taken.ok) throw new Error('the chain is broken');
    await tamper(changeTarget(2), [orgId]);
    // The documented limit of the quick check: entry 2 was verified when it was new, and is not
    // read again. This is what keeps the page's check proportional to what was appended.
    expect(await verifySinceLastVerified(orgId)).toEqual({ ok: true, count: 5 });
    expect(await verifyActivityChain({ db: db.prisma, orgId })).toEqual({
      ok: false,
      count: 1,
      brokenAtSeq: 2,
      reason: 'content_changed',
    });
    expect(
      await checkActivityCheckpoint({ db: db.prisma, orgId, checkpoint: taken.checkpoint }),
    ).toMatchObject({
      status: 'rewritten',
      chain: { ok: false, brokenAtSeq: 2 },
    });
  });

  it.each([
    ['changed in place', changeTarget(4), 'content_changed'],
    [
      'given another hash',
      `UPDATE activity_log SET hash = repeat('0', 64) WHERE org_id = $1 AND seq = 4`,
      'hash_changed',
    ],
    ['deleted', 'DELETE FROM activity_log WHERE org_id = $1 AND seq = 4', 'missing_entry'],
  ])('reports the position’s own entry %s as broken there', async (_name, sql, reason) => {
    const orgId = await orgWithEntries(4);
    await verifySinceLastVerified(orgId);
    await appendEntries(orgId, 1);
    await tamper(sql, [orgId]);
    expect(await verifySinceLastVerified(orgId)).toEqual({
      ok: false,
      count: 3,
      brokenAtSeq: 4,
      reason,
    });
    expect(await positionOf(orgId)).toMatchObject({ seq: 4 });
  });

  it('reports newest entries cut below the position, with the anchor lowered, instead of starting over', async () => {
    const orgId = await orgWithEntries(5);
    await verifySinceLastVerified(orgId);
    await cutFrom(orgId, 4);
    expect(await verifySinceLastVerified(orgId)).toEqual({
      ok: false,
      count: 4,
      brokenAtSeq: 5,
      reason: 'missing_entry',
    });
  });

  it('finds an entry deleted before the position', async () => {
    const orgId = await orgWithEntries(5);
    await verifySinceLastVerified(orgId);
    await tamper('DELETE FROM activity_log WHERE org_id = $1 AND seq = 2', [orgId]);
    expect(await verifySinceLastVerified(orgId)).toEqual({
      ok: false,
      count: 1,
      brokenAtSeq: 2,
      reason: 'missing_entry',
    });
  });

  it('checks every entry appended since the position', async () => {
    const orgId = await orgWithEntries(3);
    await verifySinceLastVerified(orgId);
    await appendEntries(orgId, 3);
    await tamper(changeTarget(5), [orgId]);
    expect(await verifySinceLastVerified(orgId)).toEqual({
      ok: false,
      count: 4,
      brokenAtSeq: 5,
      reason: 'content_changed',
    });
    expect(await positionOf(orgId)).toMatchObject({ seq: 3 });
  });

  it('cannot be moved past unverified entries by writing the position by hand', async () => {
    const orgId = await orgWithEntries(3);
    await verifySinceLastVerified(orgId);
    await appendEntries(orgId, 3);
    await tamper(changeTarget(5), [orgId]);
    // Someone with database access points the position at the newest entry, to skip entry 5.
    await db.prisma.activityVerifiedPosition.update({
      where: { orgId },
      data: { seq: 6, hash: await hashOf(orgId, 6) },
    });
    expect(await verifySinceLastVerified(orgId)).toMatchObject({ ok: false, brokenAtSeq: 5 });
  });

  it('ignores a position copied from another organization', async () => {
    const orgId = await orgWithEntries(3);
    const donor = await orgWithEntries(6);
    await verifySinceLastVerified(donor);
    const copied = await db.prisma.activityVerifiedPosition.findUniqueOrThrow({
      where: { orgId: donor },
    });
    await tamper(changeTarget(2), [orgId]);
    await db.prisma.activityVerifiedPosition.create({ data: { ...copied, orgId } });
    expect(await verifySinceLastVerified(orgId)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it('stays consistent when several views verify at once', async () => {
    const orgId = await orgWithEntries(4);
    const verdicts = await Promise.all(
      Array.from({ length: 6 }, () => verifySinceLastVerified(orgId)),
    );
    expect(verdicts).toEqual(Array.from({ length: 6 }, () => ({ ok: true, count: 4 })));
    expect(await positionOf(orgId)).toMatchObject({ seq: 4 });
  });
});
