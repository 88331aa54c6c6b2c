import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendActivity } from '../activity/append-activity';
import type { Membership, Organization, User } from '../generated/prisma/client';
import {
  createMembership,
  createOrg,
  createTestDatabase,
  createUser,
  type TestDatabase,
} from '../testing';
import { describeOrgModels } from './describe-org-models';
import { type ScopedDb, scopedDb } from './scoped-db';

// Two organizations with the same shape of data; every test runs an operation through org A's
// scoped client and checks that org B's rows were neither seen nor touched.
let db: TestDatabase;
let orgA: Organization;
let orgB: Organization;
let scoped: ScopedDb;
let userA: User;
let userB: User;

async function seedOrg(org: Organization, user: User): Promise<Membership> {
  const membership = await createMembership({
    prisma: db.prisma,
    orgId: org.id,
    userId: user.id,
    role: 'owner',
  });
  await db.prisma.invite.create({
    data: {
      orgId: org.id,
      email: `invitee-${org.id}@example.test`,
      role: 'auditor',
      tokenHash: org.id.replaceAll('-', '').padEnd(64, '0'),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await db.prisma.$transaction((tx) => appendActivity(tx, { orgId: org.id, action: 'org.setup' }));
  return membership;
}

let membershipB: Membership;
beforeAll(async () => {
  db = await createTestDatabase();
  orgA = await createOrg({ prisma: db.prisma, name: 'Org A' });
  orgB = await createOrg({ prisma: db.prisma, name: 'Org B' });
  userA = await createUser({ prisma: db.prisma });
  userB = await createUser({ prisma: db.prisma });
  await seedOrg(orgA, userA);
  membershipB = await seedOrg(orgB, userB);
  scoped = scopedDb({ prisma: db.prisma, orgId: orgA.id });
});
afterAll(async () => {
  await db.drop();
});

/** Org B's rows, read through the unscoped client, to prove they are untouched. */
async function orgBSnapshot() {
  return {
    org: await db.prisma.organization.findUnique({ where: { id: orgB.id } }),
    memberships: await db.prisma.membership.findMany({
      where: { orgId: orgB.id },
      orderBy: { id: 'asc' },
    }),
    invites: await db.prisma.invite.findMany({ where: { orgId: orgB.id }, orderBy: { id: 'asc' } }),
  };
}

describe('scopedDb: org-owned models come from the generated data model', () => {
  it('finds every model with an orgId', () => {
    expect([...describeOrgModels({ prisma: db.prisma }).orgOwned].sort()).toEqual([
      'ActivityLogEntry',
      'Invite',
      'Membership',
    ]);
  });
});

describe('scopedDb: reads see only the own org', () => {
  it.each([
    [
      'findMany',
      () => scoped.membership.findMany(),
      (rows: Membership[]) => rows.every((row) => row.orgId === orgA.id) && rows.length === 1,
    ],
    [
      'findFirst of a B row',
      () => scoped.membership.findFirst({ where: { id: membershipB.id } }),
      (row: unknown) => row === null,
    ],
    [
      'findUnique of a B row',
      () => scoped.membership.findUnique({ where: { id: membershipB.id } }),
      (row: unknown) => row === null,
    ],
    [
      'findUnique by compound key in B',
      () =>
        scoped.membership.findUnique({
          where: { orgId_userId: { orgId: orgB.id, userId: userB.id } },
        }),
      (row: unknown) => row === null,
    ],
    [
      'findMany asking for B',
      () => scoped.invite.findMany({ where: { orgId: orgB.id } }),
      (rows: unknown[]) => rows.length === 0,
    ],
    ['count', () => scoped.invite.count(), (count: number) => count === 1],
    [
      'aggregate',
      () => scoped.activityLogEntry.aggregate({ _count: { _all: true }, _max: { seq: true } }),
      (result: { _count: { _all: number } }) => result._count._all === 1,
    ],
    [
      'groupBy',
      () => scoped.membership.groupBy({ by: ['orgId'], _count: { _all: true } }),
      (groups: Array<{ orgId: string }>) => groups.length === 1 && groups[0]?.orgId === orgA.id,
    ],
    [
      'organization.findMany',
      () => scoped.organization.findMany(),
      (orgs: Organization[]) => orgs.length === 1 && orgs[0]?.id === orgA.id,
    ],
    [
      'organization.findUnique of B',
      () => scoped.organization.findUnique({ where: { id: orgB.id } }),
      (org: unknown) => org === null,
    ],
  ] as unknown as Array<[string, () => Promise<never>, (result: never) => boolean]>)(
    '%s',
    async (_name, run, check) => {
      expect(check(await run())).toBe(true);
    },
  );

  it('findUniqueOrThrow of a B row throws not-found', async () => {
    await expect(
      scoped.membership.findUniqueOrThrow({ where: { id: membershipB.id } }),
    ).rejects.toMatchObject({ code: 'P2025' });
  });
});

describe('scopedDb: writes cannot touch another org', () => {
  it.each([
    [
      'update of a B row',
      () => scoped.membership.update({ where: { id: membershipB.id }, data: { role: 'auditor' } }),
    ],
    ['delete of a B row', () => scoped.membership.delete({ where: { id: membershipB.id } })],
    [
      'update of org B',
      () => scoped.organization.update({ where: { id: orgB.id }, data: { name: 'pwned' } }),
    ],
    ['delete of org B', () => scoped.organization.delete({ where: { id: orgB.id } })],
  ])('%s fails as not found', async (_name, run) => {
    const before = await orgBSnapshot();
    await expect(run()).rejects.toMatchObject({ code: 'P2025' });
    expect(await orgBSnapshot()).toEqual(before);
  });

  it.each([
    ['updateMany', () => scoped.invite.updateMany({ data: { role: 'admin' } })],
    ['updateManyAndReturn', () => scoped.invite.updateManyAndReturn({ data: { role: 'admin' } })],
    ['deleteMany', () => scoped.invite.deleteMany({ where: { email: { contains: '@' } } })],
  ])('%s changes only own rows', async (_name, run) => {
    const before = await orgBSnapshot();
    await run();
    expect(await orgBSnapshot()).toEqual(before);
  });

  it.each([
    [
      'create with orgId of B',
      () => scoped.membership.create({ data: { orgId: orgB.id, userId: userB.id, role: 'admin' } }),
    ],
    [
      'create connecting org B',
      () =>
        scoped.membership.create({
          data: {
            organization: { connect: { id: orgB.id } },
            user: { connect: { id: userB.id } },
            role: 'admin',
          },
        }),
    ],
    [
      'createMany with one B row',
      () =>
        scoped.invite.createMany({
          data: [
            {
              orgId: orgA.id,
              email: 'a@example.test',
              role: 'admin',
              tokenHash: 'a'.repeat(64),
              expiresAt: new Date(),
            },
            {
              orgId: orgB.id,
              email: 'b@example.test',
              role: 'admin',
              tokenHash: 'b'.repeat(64),
              expiresAt: new Date(),
            },
          ],
        }),
    ],
    ['update moving a row to B', () => scoped.invite.updateMany({ data: { orgId: orgB.id } })],
    [
      'update setting orgId to B',
      () => scoped.invite.updateMany({ data: { orgId: { set: orgB.id } } }),
    ],
    [
      'a nested create into B',
      () =>
        scoped.user.update({
          where: { id: userA.id },
          data: { memberships: { create: { orgId: orgB.id, role: 'owner' } } },
        }),
    ],
  ])('%s is refused', async (_name, run) => {
    const before = await orgBSnapshot();
    await expect(run()).rejects.toMatchObject({ code: 'SCOPE_VIOLATION' });
    expect(await orgBSnapshot()).toEqual(before);
  });

  it('creates rows in the own org, in both input styles', async () => {
    const user = await createUser({ prisma: db.prisma });
    const other = await createUser({ prisma: db.prisma });
    const scalar = await scoped.membership.create({
      data: { orgId: orgA.id, userId: user.id, role: 'auditor' },
    });
    const relational = await scoped.membership.create({
      data: {
        organization: { connect: { id: orgA.id } },
        user: { connect: { id: other.id } },
        role: 'auditor',
      },
    });
    const many = await scoped.invite.createManyAndReturn({
      data: [
        {
          orgId: orgA.id,
          email: 'c@example.test',
          role: 'auditor',
          tokenHash: 'c'.repeat(64),
          expiresAt: new Date(),
        },
      ],
    });
    expect([scalar.orgId, relational.orgId, ...many.map((row) => row.orgId)]).toEqual([
      orgA.id,
      orgA.id,
      orgA.id,
    ]);
  });

  it('forces the own org onto a create that names none (the types require it; plain JS may not)', async () => {
    const user = await createUser({ prisma: db.prisma });
    const third = await createUser({ prisma: db.prisma });
    const scalar = await scoped.membership.create({
      data: { userId: user.id, role: 'auditor' } as never,
    });
    const relational = await scoped.membership.create({
      data: { user: { connect: { id: third.id } }, role: 'auditor' } as never,
    });
    expect([scalar.orgId, relational.orgId]).toEqual([orgA.id, orgA.id]);
  });

  it('upsert aimed at a B row creates in the own org instead', async () => {
    const before = await orgBSnapshot();
    const row = await scoped.membership.upsert({
      where: { orgId_userId: { orgId: orgB.id, userId: userB.id } },
      create: { orgId: orgA.id, userId: userB.id, role: 'auditor' },
      update: { role: 'owner' },
    });
    expect(row.orgId).toBe(orgA.id);
    expect(await orgBSnapshot()).toEqual(before);
  });

  it('cannot create organizations', async () => {
    await expect(scoped.organization.create({ data: { name: 'new' } })).rejects.toMatchObject({
      code: 'SCOPE_UNSUPPORTED',
    });
  });
});

describe('scopedDb: what cannot be scoped is refused', () => {
  it.each([
    ['$queryRaw', () => scoped.$queryRaw`SELECT * FROM memberships`],
    ['$executeRaw', () => scoped.$executeRaw`DELETE FROM invites`],
    ['$queryRawUnsafe', () => scoped.$queryRawUnsafe('SELECT * FROM memberships')],
    ['$executeRawUnsafe', () => scoped.$executeRawUnsafe('DELETE FROM invites')],
    [
      'a nested read from a user into all their memberships',
      () => scoped.membership.findMany({ include: { user: { include: { memberships: true } } } }),
    ],
    [
      'a count of a user’s memberships in every org',
      () => scoped.user.findMany({ select: { _count: { select: { memberships: true } } } }),
    ],
  ])('%s', async (_name, run) => {
    const before = await orgBSnapshot();
    await expect(run()).rejects.toMatchObject({ code: 'SCOPE_UNSUPPORTED' });
    expect(await orgBSnapshot()).toEqual(before);
  });

  it('allows nested reads that stay inside the org', async () => {
    const rows = await scoped.membership.findMany({
      include: { user: true, organization: { include: { invites: true } } },
    });
    expect(rows.map((row) => row.organization.id)).toEqual([
      orgA.id,
      ...rows.slice(1).map(() => orgA.id),
    ]);
  });
});

describe('scopedDb: transactions', () => {
  it('scopes queries and refuses raw SQL inside an interactive transaction', async () => {
    await scoped.$transaction(async (tx) => {
      const memberships = await tx.membership.findMany();
      expect(memberships.every((row) => row.orgId === orgA.id)).toBe(true);
      await expect(tx.$queryRaw`SELECT 1`).rejects.toMatchObject({ code: 'SCOPE_UNSUPPORTED' });
    });
  });

  it('records activity through the scoped client, for its own org only', async () => {
    const entry = await scoped.$transaction((tx) =>
      appendActivity(tx, { orgId: orgA.id, action: 'member.invite' }),
    );
    expect(entry.orgId).toBe(orgA.id);
    await expect(
      scoped.$transaction((tx) => appendActivity(tx, { orgId: orgB.id, action: 'member.invite' })),
    ).rejects.toMatchObject({ code: 'P2025' });
    expect(await db.prisma.activityLogEntry.count({ where: { orgId: orgB.id } })).toBe(1);
  });
});
