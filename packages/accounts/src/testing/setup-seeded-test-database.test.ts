import { createOrg } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { setupSeededTestDatabase } from './setup-seeded-test-database';

describe('setupSeededTestDatabase', () => {
  let seedings = 0;
  const { db, world } = setupSeededTestDatabase(async (prisma) => {
    seedings += 1;
    const org = await createOrg({ prisma, name: 'Seeded' });
    return { orgId: org.id };
  });
  const seen = new Set<string>();

  it('gives the first test a clone of what the seed wrote, and lets it change it', async () => {
    const [row] = await db().$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
    seen.add(row?.db ?? '');
    expect(await db().organization.findMany({ select: { id: true, name: true } })).toEqual([
      { id: world().orgId, name: 'Seeded' },
    ]);
    await db().organization.update({ where: { id: world().orgId }, data: { name: 'Changed' } });
    await createOrg({ prisma: db(), name: 'Added' });
    expect(await db().organization.count()).toBe(2);
  });

  it('gives the next test a fresh clone: the seeded state again, the first test’s changes gone', async () => {
    const [row] = await db().$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
    seen.add(row?.db ?? '');
    expect(seen.size).toBe(2);
    expect(await db().organization.findMany({ select: { id: true, name: true } })).toEqual([
      { id: world().orgId, name: 'Seeded' },
    ]);
    expect(seedings).toBe(1);
  });
});
