import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createUser } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { inIdentityTransaction } from './transactions';

const db = setupTestDatabase();

// inIdentityTransaction relies on Prisma binding an extended client's parent to the same
// transaction. These tests fail if a Prisma upgrade stops doing so.
describe('inIdentityTransaction', () => {
  it('gives a scoped and an unscoped view of one transaction, which see each other’s writes', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const result = await inIdentityTransaction({ db: db(), orgId: org.orgId }, async (views) => {
      const user = await views.identityTx.user.create({ data: { email: 'new@example.com' } });
      // The scoped view sees the uncommitted user, so the membership can point at it.
      await views.orgTx.membership.create({
        data: { orgId: org.orgId, userId: user.id, role: 'auditor' },
      });
      return {
        scopedMembers: await views.orgTx.membership.count(),
        allMembers: await views.identityTx.membership.count(),
        otherOrgViaScope: await views.orgTx.membership.count({ where: { orgId: other.orgId } }),
      };
    });
    expect(result).toEqual({ scopedMembers: 4, allMembers: 7, otherOrgViaScope: 0 });
    expect(await db().membership.count({ where: { orgId: org.orgId } })).toBe(4);
  });

  it('rolls back the writes of both views together', async () => {
    const org = await seedOrg({ prisma: db() });
    const stray = await createUser({ prisma: db() });
    const before = await snapshotDatabase(db());
    await expect(
      inIdentityTransaction({ db: db(), orgId: org.orgId }, async ({ orgTx, identityTx }) => {
        await orgTx.membership.delete({ where: { id: org.auditor.membership.id } });
        await identityTx.user.delete({ where: { id: stray.id } });
        throw new Error('crash after both writes');
      }),
    ).rejects.toThrow('crash after both writes');
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('keeps the scoped view scoped', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await expect(
      inIdentityTransaction({ db: db(), orgId: org.orgId }, ({ orgTx }) =>
        orgTx.membership.delete({ where: { id: other.auditor.membership.id } }),
      ),
    ).rejects.toThrow();
    expect(
      await db().membership.findUnique({ where: { id: other.auditor.membership.id } }),
    ).not.toBeNull();
  });
});

// The rules above are only a rule if every writer goes through one of them: a bare
// db.$transaction in a domain file would pick neither scope on purpose.
describe('transaction rules', () => {
  it('are the only place a domain function opens a transaction', () => {
    const sourceRoot = fileURLToPath(new URL('..', import.meta.url));
    const bare = readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
      .filter((path) => !path.startsWith('testing/') && path !== 'shared/transactions.ts')
      .filter((path) => readFileSync(`${sourceRoot}${path}`, 'utf8').includes('.$transaction('));
    expect(bare).toEqual([]);
  });
});
