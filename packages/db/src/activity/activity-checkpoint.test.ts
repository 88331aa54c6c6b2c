import { createPublicKey, generateKeyPairSync, hkdfSync, sign, verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configureMasterKey } from '../master-key/configure-master-key';
import { createOrg, createTestDatabase, TEST_MASTER_KEY, type TestDatabase } from '../testing';
import { activityChainKey } from './activity-chain-key';
import {
  type ActivityCheckpoint,
  readActivityCheckpoint,
  signActivityCheckpoint,
} from './activity-checkpoint';
import { activityCheckpointPublicKey } from './activity-checkpoint-key';
import { activityFixtures } from './activity-fixtures';
import { canonicalJson } from './canonical-json';
import { checkActivityCheckpoint } from './check-activity-checkpoint';
import { GENESIS_HASH } from './hash-activity-entry';
import { takeActivityCheckpoint } from './take-activity-checkpoint';
import { verifyActivityChain } from './verify-activity-chain';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
afterEach(() => {
  configureMasterKey({ key: TEST_MASTER_KEY });
});

const { orgWithEntries, appendEntries, tamper, cutFrom } = activityFixtures(() => db);

async function checkpointOf(orgId: string): Promise<ActivityCheckpoint> {
  const taken = await takeActivityCheckpoint({ db: db.prisma, orgId });
  if (!taken.ok) throw new Error(`the chain of ${orgId} is broken`);
  return taken.checkpoint;
}

async function hashOf(orgId: string, seq: number): Promise<string> {
  const entry = await db.prisma.activityLogEntry.findUniqueOrThrow({
    where: { orgId_seq: { orgId, seq } },
  });
  return entry.hash;
}

const orgId = '0196f3a0-0000-7000-8000-000000000001';
const time = new Date('2026-12-01T09:30:00.000Z');
const hash = 'ab'.repeat(32);

describe('a checkpoint statement', () => {
  it('is small, versioned, canonical JSON, signed with Ed25519 and carrying its public key', () => {
    const checkpoint = signActivityCheckpoint({ orgId, seq: 42, hash, time });
    const key = activityCheckpointPublicKey();
    expect(checkpoint).toEqual({
      statement: {
        type: 'parapet.activity-checkpoint',
        version: 1,
        org: orgId,
        seq: 42,
        hash,
        time: '2026-12-01T09:30:00.000Z',
      },
      signature: {
        algorithm: 'Ed25519',
        keyId: key.keyId,
        publicKey: key.publicKey,
        value: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
      },
    });
  });

  it('verifies offline with the public key alone, over the statement as `jq -jcS .statement` prints it', () => {
    const checkpoint = signActivityCheckpoint({ orgId, seq: 42, hash, time });
    const signed = `{"hash":"${hash}","org":"${orgId}","seq":42,"time":"2026-12-01T09:30:00.000Z","type":"parapet.activity-checkpoint","version":1}`;
    expect(canonicalJson(checkpoint.statement)).toBe(signed);
    const signature = Buffer.from(checkpoint.signature.value, 'base64');
    const fromPem = createPublicKey(activityCheckpointPublicKey().publicKeyPem);
    // The raw key behind the SubjectPublicKeyInfo header that RFC 8410 fixes for Ed25519.
    const fromRaw = createPublicKey({
      key: Buffer.concat([
        Buffer.from('302a300506032b6570032100', 'hex'),
        Buffer.from(checkpoint.signature.publicKey, 'base64'),
      ]),
      format: 'der',
      type: 'spki',
    });
    for (const key of [fromPem, fromRaw]) {
      expect(verify(null, Buffer.from(signed), key, signature)).toBe(true);
      expect(verify(null, Buffer.from(signed.replace('42', '43')), key, signature)).toBe(false);
    }
  });

  it('is signed with a key from HKDF of the master key under its own label, unlike the chain key', () => {
    const seed = Buffer.from(
      hkdfSync(
        'sha256',
        TEST_MASTER_KEY,
        Buffer.alloc(0),
        'parapet activity-checkpoint ed25519 v1',
        32,
      ),
    );
    expect(seed.equals(activityChainKey())).toBe(false);
    const first = activityCheckpointPublicKey();
    expect(activityCheckpointPublicKey()).toEqual(first);
    configureMasterKey({ key: Buffer.alloc(32, 7) });
    expect(activityCheckpointPublicKey().publicKey).not.toBe(first.publicKey);
  });

  it('reads back as signed', () => {
    const checkpoint = signActivityCheckpoint({ orgId, seq: 42, hash, time });
    expect(readActivityCheckpoint(JSON.parse(JSON.stringify(checkpoint)))).toEqual({
      ok: true,
      statement: checkpoint.statement,
    });
  });

  it.each([
    ['seq', { seq: 41 }],
    ['hash', { hash: 'cd'.repeat(32) }],
    ['org', { org: '0196f3a0-0000-7000-8000-000000000002' }],
    ['time', { time: '2026-12-02T09:30:00.000Z' }],
  ])('is refused as a bad signature when its %s was altered', (_field, change) => {
    const checkpoint = signActivityCheckpoint({ orgId, seq: 42, hash, time });
    const altered = { ...checkpoint, statement: { ...checkpoint.statement, ...change } };
    expect(readActivityCheckpoint(altered)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('is refused when someone signed it with a key of their own, even one it carries', () => {
    const checkpoint = signActivityCheckpoint({ orgId, seq: 42, hash, time });
    const forger = generateKeyPairSync('ed25519');
    const raw = forger.publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
    const forged = {
      statement: { ...checkpoint.statement, seq: 41 },
      signature: {
        ...checkpoint.signature,
        publicKey: raw.toString('base64'),
        value: sign(
          null,
          Buffer.from(canonicalJson({ ...checkpoint.statement, seq: 41 })),
          forger.privateKey,
        ).toString('base64'),
      },
    };
    expect(readActivityCheckpoint(forged)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('is refused as from an unknown key after the master key changed', () => {
    const checkpoint = signActivityCheckpoint({ orgId, seq: 42, hash, time });
    configureMasterKey({ key: Buffer.alloc(32, 7) });
    expect(readActivityCheckpoint(checkpoint)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it.each([
    ['an extra field', (value: ActivityCheckpoint) => ({ ...value, note: 'trust me' })],
    [
      'another version',
      (value: ActivityCheckpoint) => ({ ...value, statement: { ...value.statement, version: 2 } }),
    ],
    [
      'a fractional seq',
      (value: ActivityCheckpoint) => ({ ...value, statement: { ...value.statement, seq: 1.5 } }),
    ],
    [
      'an upper-case hash',
      (value: ActivityCheckpoint) => ({
        ...value,
        statement: { ...value.statement, hash: hash.toUpperCase() },
      }),
    ],
    [
      'a short signature',
      (value: ActivityCheckpoint) => ({
        ...value,
        signature: { ...value.signature, value: 'AAAA' },
      }),
    ],
    ['no signature', (value: ActivityCheckpoint) => ({ statement: value.statement })],
    ['a string', () => 'checkpoint'],
    ['null', () => null],
  ])('is malformed with %s', (_name, change) => {
    const checkpoint = signActivityCheckpoint({ orgId, seq: 42, hash, time });
    expect(readActivityCheckpoint(change(checkpoint))).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('checkActivityCheckpoint against the log', () => {
  it('finds the log consistent when it still holds the entry and continues from it', async () => {
    const org = await orgWithEntries(3);
    const checkpoint = await checkpointOf(org);
    expect(checkpoint.statement).toMatchObject({ org, seq: 3, hash: await hashOf(org, 3) });
    await appendEntries(org, 2);
    expect(await checkActivityCheckpoint({ db: db.prisma, orgId: org, checkpoint })).toEqual({
      status: 'consistent',
      statement: checkpoint.statement,
      headSeq: 5,
      chain: { ok: true, count: 5 },
    });
  });

  it('reports the cut when the newest entries were deleted and the anchor lowered', async () => {
    const org = await orgWithEntries(5);
    const checkpoint = await checkpointOf(org);
    await cutFrom(org, 4);
    // The chain alone cannot tell (see activity.test.ts); the checkpoint can.
    expect(await verifyActivityChain({ db: db.prisma, orgId: org })).toEqual({
      ok: true,
      count: 3,
    });
    expect(await checkActivityCheckpoint({ db: db.prisma, orgId: org, checkpoint })).toEqual({
      status: 'cut',
      statement: checkpoint.statement,
      headSeq: 3,
      chain: { ok: true, count: 3 },
    });
  });

  it('reports a rewrite when the log was cut and grew again past the checkpoint', async () => {
    const org = await orgWithEntries(5);
    const checkpoint = await checkpointOf(org);
    await cutFrom(org, 4);
    await appendEntries(org, 3);
    expect(await checkActivityCheckpoint({ db: db.prisma, orgId: org, checkpoint })).toMatchObject({
      status: 'rewritten',
      headSeq: 6,
      chain: { ok: true, count: 6 },
    });
  });

  it('reports a rewrite when an entry at or before the checkpoint was changed', async () => {
    const org = await orgWithEntries(4);
    const checkpoint = await checkpointOf(org);
    await tamper(`UPDATE activity_log SET target = 'someone-else' WHERE org_id = $1 AND seq = 2`, [
      org,
    ]);
    expect(await checkActivityCheckpoint({ db: db.prisma, orgId: org, checkpoint })).toMatchObject({
      status: 'rewritten',
      chain: { ok: false, brokenAtSeq: 2, reason: 'content_changed' },
    });
  });

  it('reports a break after the checkpoint as such', async () => {
    const org = await orgWithEntries(3);
    const checkpoint = await checkpointOf(org);
    await appendEntries(org, 2);
    await tamper(`UPDATE activity_log SET target = 'someone-else' WHERE org_id = $1 AND seq = 5`, [
      org,
    ]);
    expect(await checkActivityCheckpoint({ db: db.prisma, orgId: org, checkpoint })).toMatchObject({
      status: 'broken_after',
      chain: { ok: false, brokenAtSeq: 5, reason: 'content_changed' },
    });
  });

  it('refuses a checkpoint of another organization, and a forged one, before reading the log', async () => {
    const victim = await orgWithEntries(2);
    const other = await orgWithEntries(2);
    const checkpoint = await checkpointOf(other);
    expect(await checkActivityCheckpoint({ db: db.prisma, orgId: victim, checkpoint })).toEqual({
      status: 'other_organization',
    });
    const relabelled = { ...checkpoint, statement: { ...checkpoint.statement, org: victim } };
    expect(
      await checkActivityCheckpoint({ db: db.prisma, orgId: victim, checkpoint: relabelled }),
    ).toEqual({ status: 'signature_invalid', reason: 'bad_signature' });
    expect(
      await checkActivityCheckpoint({ db: db.prisma, orgId: victim, checkpoint: { nope: 1 } }),
    ).toEqual({ status: 'malformed' });
  });

  it('checkpoints an empty log at seq 0', async () => {
    const org = await createOrg({ prisma: db.prisma });
    const checkpoint = await checkpointOf(org.id);
    expect(checkpoint.statement).toMatchObject({ seq: 0, hash: GENESIS_HASH });
    await appendEntries(org.id, 1);
    expect(
      await checkActivityCheckpoint({ db: db.prisma, orgId: org.id, checkpoint }),
    ).toMatchObject({ status: 'consistent', headSeq: 1 });
  });

  it('takes no checkpoint of a broken chain', async () => {
    const org = await orgWithEntries(3);
    await tamper(`UPDATE activity_log SET target = 'someone-else' WHERE org_id = $1 AND seq = 3`, [
      org,
    ]);
    expect(await takeActivityCheckpoint({ db: db.prisma, orgId: org })).toEqual({
      ok: false,
      chain: { ok: false, count: 2, brokenAtSeq: 3, reason: 'content_changed' },
    });
  });
});
