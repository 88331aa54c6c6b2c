import { appendActivity } from '@parapet/db/activity';
import { describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { createActivityCheckpoint } from './create-activity-checkpoint';
import { getActivityCheckpointKey } from './get-activity-checkpoint-key';
import { verifyActivityCheckpoint } from './verify-activity-checkpoint';

const db = setupTestDatabase();

async function record(orgId: string, count: number) {
  for (let index = 1; index <= count; index += 1) {
    await db().$transaction((tx) =>
      appendActivity(tx, { orgId, actorEmail: 'a@example.com', action: 'sign_in' }),
    );
  }
}

/** SQL with the append-only trigger off: what someone with database access can do. */
async function tamper(sql: string, orgId: string) {
  await db().$executeRawUnsafe('ALTER TABLE activity_log DISABLE TRIGGER USER');
  await db().$executeRawUnsafe(sql.replaceAll('$org', `'${orgId}'::uuid`));
  await db().$executeRawUnsafe('ALTER TABLE activity_log ENABLE TRIGGER USER');
}

describe('createActivityCheckpoint', () => {
  it('signs the newest entry for any member, auditors included, without recording itself', async () => {
    const org = await seedOrg({ prisma: db() });
    await record(org.orgId, 3);
    const checkpoint = await createActivityCheckpoint({ db: db(), actor: org.auditor.actor });
    const newest = await db().activityLogEntry.findUniqueOrThrow({
      where: { orgId_seq: { orgId: org.orgId, seq: 3 } },
    });
    expect(checkpoint.statement).toMatchObject({ org: org.orgId, seq: 3, hash: newest.hash });
    expect(checkpoint.signature.publicKey).toBe(
      getActivityCheckpointKey({ actor: org.auditor.actor }).publicKey,
    );
    expect(await db().activityLogEntry.count({ where: { orgId: org.orgId } })).toBe(3);
  });

  it('refuses to vouch for a broken log', async () => {
    const org = await seedOrg({ prisma: db() });
    await record(org.orgId, 3);
    await tamper(
      `UPDATE activity_log SET target = 'forged' WHERE org_id = $org AND seq = 2`,
      org.orgId,
    );
    const error = await expectAppError(
      createActivityCheckpoint({ db: db(), actor: org.owner.actor }),
      'ACTIVITY_CHAIN_BROKEN',
    );
    expect(error.message).toContain('#2');
  });
});

describe('verifyActivityCheckpoint', () => {
  it('answers consistent while the log holds the entry and continues from it', async () => {
    const org = await seedOrg({ prisma: db() });
    await record(org.orgId, 3);
    const checkpoint = await createActivityCheckpoint({ db: db(), actor: org.owner.actor });
    await record(org.orgId, 2);
    const answer = await verifyActivityCheckpoint({
      db: db(),
      actor: org.auditor.actor,
      input: { checkpoint: JSON.stringify(checkpoint, null, 2) },
    });
    expect(answer).toMatchObject({ status: 'consistent', headSeq: 5 });
    expect(answer.message).toBe(
      'Consistent: the log still contains entry #3 with this hash and continues from it, intact, to #5.',
    );
  });

  it('reports the cut when the newest entries were deleted and last_activity_seq lowered', async () => {
    const org = await seedOrg({ prisma: db() });
    await record(org.orgId, 5);
    const checkpoint = await createActivityCheckpoint({ db: db(), actor: org.owner.actor });
    await tamper('DELETE FROM activity_log WHERE org_id = $org AND seq >= 4', org.orgId);
    await tamper('UPDATE organizations SET last_activity_seq = 3 WHERE id = $org', org.orgId);
    const answer = await verifyActivityCheckpoint({
      db: db(),
      actor: org.auditor.actor,
      input: { checkpoint },
    });
    expect(answer).toMatchObject({ status: 'cut', headSeq: 3, chain: { ok: true, count: 3 } });
    expect(answer.message).toMatch(
      /^The log was cut: entry #5 is missing, and the log now ends at #3\./,
    );
  });

  it('answers that a forged checkpoint has an invalid signature', async () => {
    const org = await seedOrg({ prisma: db() });
    await record(org.orgId, 5);
    const checkpoint = await createActivityCheckpoint({ db: db(), actor: org.owner.actor });
    const forged = { ...checkpoint, statement: { ...checkpoint.statement, seq: 2 } };
    expect(
      await verifyActivityCheckpoint({
        db: db(),
        actor: org.owner.actor,
        input: { checkpoint: forged },
      }),
    ).toMatchObject({ status: 'signature_invalid', reason: 'bad_signature' });
  });

  it('refuses another organization’s checkpoint without looking at either log', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await record(other.orgId, 2);
    const checkpoint = await createActivityCheckpoint({ db: db(), actor: other.owner.actor });
    expect(
      await verifyActivityCheckpoint({ db: db(), actor: org.owner.actor, input: { checkpoint } }),
    ).toEqual({
      status: 'other_organization',
      message:
        'Not for this organization: this checkpoint was signed for another organization’s log.',
    });
  });

  it.each([
    ['nothing', { checkpoint: '' }],
    ['text that is not JSON', { checkpoint: 'checkpoint please' }],
    ['JSON that is not a checkpoint', { checkpoint: '{"seq": 5}' }],
    ['a JSON array', { checkpoint: '[1]' }],
    ['a number', { checkpoint: 5 }],
    ['an extra field', { checkpoint: '{}', note: 'x' }],
  ])('refuses %s as invalid input', async (_name, input) => {
    const org = await seedOrg({ prisma: db() });
    await expectAppError(
      verifyActivityCheckpoint({ db: db(), actor: org.auditor.actor, input: input as never }),
      'INVALID_INPUT',
    );
  });
});
