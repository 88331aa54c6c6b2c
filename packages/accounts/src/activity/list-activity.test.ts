import { appendActivity } from '@parapet/db/activity';
import { describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { listActivity } from './list-activity';

const db = setupTestDatabase();

async function record(orgId: string, count: number) {
  for (let index = 1; index <= count; index += 1) {
    await db().$transaction((tx) =>
      appendActivity(tx, {
        orgId,
        actorEmail: 'a@example.com',
        action: 'sign_in',
        target: `entry ${index}`,
      }),
    );
  }
}

describe('listActivity', () => {
  it('pages newest first and reports a verified chain', async () => {
    const org = await seedOrg({ prisma: db() });
    await record(org.orgId, 5);
    const first = await listActivity({ db: db(), actor: org.auditor.actor, input: { limit: 2 } });
    expect(first.entries.map((entry) => entry.target)).toEqual(['entry 5', 'entry 4']);
    expect(first.chain).toEqual({ checked: 'new', ok: true, count: 5 });
    const second = await listActivity({
      db: db(),
      actor: org.auditor.actor,
      input: { limit: 2, before: first.nextBefore },
    });
    expect(second.entries.map((entry) => entry.target)).toEqual(['entry 3', 'entry 2']);
    const last = await listActivity({
      db: db(),
      actor: org.auditor.actor,
      input: { limit: 2, before: second.nextBefore },
    });
    expect(last.entries.map((entry) => entry.target)).toEqual(['entry 1']);
    expect(last.nextBefore).toBeUndefined();
  });

  it('shows only the actor’s organization', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await record(other.orgId, 3);
    const page = await listActivity({ db: db(), actor: org.owner.actor });
    expect(page.entries).toEqual([]);
    expect(page.chain).toEqual({ checked: 'new', ok: true, count: 0 });
  });

  it('reports where the chain breaks when a row was modified in the database', async () => {
    const org = await seedOrg({ prisma: db() });
    await record(org.orgId, 3);
    // The table refuses UPDATE through a trigger; an attacker with database access disables it.
    await db().$executeRawUnsafe('ALTER TABLE activity_log DISABLE TRIGGER USER');
    await db()
      .$executeRaw`UPDATE activity_log SET target = 'forged' WHERE org_id = ${org.orgId}::uuid AND seq = 2`;
    await db().$executeRawUnsafe('ALTER TABLE activity_log ENABLE TRIGGER USER');
    const page = await listActivity({ db: db(), actor: org.auditor.actor });
    expect(page.chain).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it('reports newest entries cut below the position it verified before, rather than starting over', async () => {
    const org = await seedOrg({ prisma: db() });
    await record(org.orgId, 5);
    const before = await listActivity({ db: db(), actor: org.auditor.actor });
    expect(before.chain).toEqual({ checked: 'new', ok: true, count: 5 });
    await db().$executeRawUnsafe('ALTER TABLE activity_log DISABLE TRIGGER USER');
    await db().$executeRaw`DELETE FROM activity_log WHERE org_id = ${org.orgId}::uuid AND seq >= 4`;
    await db().$executeRawUnsafe('ALTER TABLE activity_log ENABLE TRIGGER USER');
    await db()
      .$executeRaw`UPDATE organizations SET last_activity_seq = 3 WHERE id = ${org.orgId}::uuid`;
    const after = await listActivity({ db: db(), actor: org.auditor.actor });
    expect(after.chain).toMatchObject({ ok: false, brokenAtSeq: 5, reason: 'missing_entry' });
  });

  it('checks every entry again on request, which finds what the quick check does not re-read', async () => {
    const org = await seedOrg({ prisma: db() });
    await record(org.orgId, 4);
    await listActivity({ db: db(), actor: org.auditor.actor });
    await db().$executeRawUnsafe('ALTER TABLE activity_log DISABLE TRIGGER USER');
    await db()
      .$executeRaw`UPDATE activity_log SET target = 'forged' WHERE org_id = ${org.orgId}::uuid AND seq = 2`;
    await db().$executeRawUnsafe('ALTER TABLE activity_log ENABLE TRIGGER USER');
    const quick = await listActivity({ db: db(), actor: org.auditor.actor });
    expect(quick.chain).toEqual({ checked: 'new', ok: true, count: 4 });
    const all = await listActivity({
      db: db(),
      actor: org.auditor.actor,
      input: { verify: 'all' },
    });
    expect(all.chain).toMatchObject({ checked: 'all', ok: false, brokenAtSeq: 2 });
  });

  it.each([
    ['beyond what a sequence number can hold', { before: 3_000_000_000 }, 'before'],
    ['zero', { before: 0 }, 'before'],
    ['not a number', { before: 'abc' }, 'before'],
    ['a page that is too large', { limit: 201 }, 'limit'],
    ['a page size beyond any integer column', { limit: 3_000_000_000 }, 'limit'],
    ['with an unknown verification scope', { verify: 'some' }, 'verify'],
  ])('refuses paging %s as invalid input', async (_name, input, field) => {
    const org = await seedOrg({ prisma: db() });
    const error = await expectAppError(
      listActivity({ db: db(), actor: org.auditor.actor, input: input as never }),
      'INVALID_INPUT',
    );
    expect(error.fieldErrors?.[field]?.length).toBeGreaterThan(0);
  });
});
