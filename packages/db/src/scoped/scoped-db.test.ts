import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendActivity } from '../activity/append-activity';
import type { Invite, Membership, Organization, Session, User } from '../generated/prisma/client';
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

async function seedOrg(
  org: Organization,
  user: User,
): Promise<{ membership: Membership; invite: Invite }> {
  const membership = await createMembership({
    prisma: db.prisma,
    orgId: org.id,
    userId: user.id,
    role: 'owner',
  });
  const invite = await db.prisma.invite.create({
    data: {
      orgId: org.id,
      email: `invitee-${org.id}@example.test`,
      role: 'auditor',
      tokenHash: org.id.replaceAll('-', '').padEnd(64, '0'),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await db.prisma.$transaction((tx) => appendActivity(tx, { orgId: org.id, action: 'org.setup' }));
  return { membership, invite };
}

let membershipA: Membership;
let membershipB: Membership;
let inviteA: Invite;
let inviteB: Invite;
let sessionB: Session;
beforeAll(async () => {
  db = await createTestDatabase();
  orgA = await createOrg({ prisma: db.prisma, name: 'Org A' });
  orgB = await createOrg({ prisma: db.prisma, name: 'Org B' });
  userA = await createUser({ prisma: db.prisma });
  userB = await createUser({ prisma: db.prisma });
  ({ membership: membershipA, invite: inviteA } = await seedOrg(orgA, userA));
  ({ membership: membershipB, invite: inviteB } = await seedOrg(orgB, userB));
  sessionB = await db.prisma.session.create({
    data: { sessionToken: randomUUID(), userId: userB.id, expires: new Date() },
  });
  scoped = scopedDb({ prisma: db.prisma, orgId: orgA.id });
});
afterAll(async () => {
  await db.drop();
});

/**
 * Everything outside org A, read through the unscoped client, to prove it is untouched: every
 * other organization (a new one would show), the rows of every other org, and org B's user.
 */
async function orgBSnapshot() {
  const outsideA = { orgId: { not: orgA.id } };
  return {
    orgs: await db.prisma.organization.findMany({
      where: { id: { not: orgA.id } },
      orderBy: { id: 'asc' },
    }),
    memberships: await db.prisma.membership.findMany({ where: outsideA, orderBy: { id: 'asc' } }),
    invites: await db.prisma.invite.findMany({ where: outsideA, orderBy: { id: 'asc' } }),
    activity: await db.prisma.activityLogEntry.findMany({
      where: outsideA,
      orderBy: { id: 'asc' },
    }),
    userB: await db.prisma.user.findUnique({ where: { id: userB.id } }),
  };
}

describe('scopedDb: org-owned models come from the generated data model', () => {
  it('finds every model with an orgId', () => {
    expect([...describeOrgModels({ prisma: db.prisma }).orgOwned].sort()).toEqual([
      'ActivityLogEntry',
      'ActivityVerifiedPosition',
      'ApiKey',
      'AuditDestination',
      'Bundle',
      'Device',
      'DeviceChallenge',
      'Directory',
      'DirectoryEvent',
      'DirectoryGroup',
      'DirectoryGroupMapping',
      'DirectoryGroupMember',
      'EnrollmentToken',
      'Invite',
      'KeySet',
      'Membership',
      'OrgDomain',
      'Person',
      'PersonGroup',
      'PolicyDocument',
      'PolicyGroup',
      'PolicyVersion',
      'SigningKey',
      'SsoConnection',
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

// The security review's four ways out of the scope (M2), each with its variants. Every one ran
// through org A's client and changed or revealed org B's rows before the scope walked them.
type Attack = [string, () => Promise<unknown>];

const newMember = () => ({ user: { create: { email: `${randomUUID()}@example.test` } } });

describe('scopedDb: upsert checks its update and create, not only data (M2a)', () => {
  it.each<Attack>([
    [
      'upsert whose update moves an A row into B by orgId',
      () =>
        scoped.membership.upsert({
          where: { id: membershipA.id },
          create: { userId: userA.id, role: 'owner' } as never,
          update: { orgId: orgB.id },
        }),
    ],
    [
      'upsert whose update sets orgId to B',
      () =>
        scoped.invite.upsert({
          where: { id: inviteA.id },
          create: {
            email: 'x@example.test',
            role: 'auditor',
            tokenHash: 'd'.repeat(64),
            expiresAt: new Date(),
          } as never,
          update: { orgId: { set: orgB.id } },
        }),
    ],
    [
      'upsert whose update connects org B',
      () =>
        scoped.membership.upsert({
          where: { id: membershipA.id },
          create: { user: { connect: { id: userA.id } }, role: 'owner' } as never,
          update: { organization: { connect: { id: orgB.id } } },
        }),
    ],
    [
      'upsert whose create names org B',
      () =>
        scoped.invite.upsert({
          where: { id: randomUUID() },
          create: {
            orgId: orgB.id,
            email: 'y@example.test',
            role: 'admin',
            tokenHash: 'e'.repeat(64),
            expiresAt: new Date(),
          },
          update: {},
        }),
    ],
  ])('%s is refused', async (_name, run) => {
    const before = await orgBSnapshot();
    await expect(run()).rejects.toMatchObject({ code: 'SCOPE_VIOLATION' });
    expect(await orgBSnapshot()).toEqual(before);
    expect(await db.prisma.membership.findUnique({ where: { id: membershipA.id } })).toMatchObject({
      orgId: orgA.id,
    });
  });
});

describe('scopedDb: the org relation is always the scope’s own org (M2b)', () => {
  it.each<Attack>([
    [
      'create with organization.connectOrCreate of org B',
      () =>
        scoped.membership.create({
          data: {
            organization: { connectOrCreate: { where: { id: orgB.id }, create: { name: 'x' } } },
            ...newMember(),
            role: 'owner',
          },
        }),
    ],
    [
      'create with organization.connectOrCreate of the own org (refused outright)',
      () =>
        scoped.membership.create({
          data: {
            organization: { connectOrCreate: { where: { id: orgA.id }, create: { name: 'x' } } },
            ...newMember(),
            role: 'owner',
          },
        }),
    ],
    [
      'create with organization.create (a new org)',
      () =>
        scoped.membership.create({
          data: { organization: { create: { name: 'elsewhere' } }, ...newMember(), role: 'owner' },
        }),
    ],
    [
      'update moving an invite with organization.connectOrCreate of org B',
      () =>
        scoped.invite.update({
          where: { id: inviteA.id },
          data: {
            organization: { connectOrCreate: { where: { id: orgB.id }, create: { name: 'x' } } },
          },
        }),
    ],
    [
      'update with organization.upsert',
      () =>
        scoped.membership.update({
          where: { id: membershipA.id },
          data: {
            organization: { upsert: { create: { name: 'x' }, update: { name: 'renamed' } } },
          },
        }),
    ],
    [
      'update with organization.set (not Prisma input, refused before Prisma sees it)',
      () =>
        scoped.membership.update({
          where: { id: membershipA.id },
          data: { organization: { set: { id: orgB.id } } } as never,
        }),
    ],
    [
      'a nested create whose organization is created',
      () =>
        scoped.organization.update({
          where: { id: orgA.id },
          data: {
            invites: {
              create: {
                email: 'z@example.test',
                role: 'admin',
                tokenHash: 'f'.repeat(64),
                expiresAt: new Date(),
                organization: { create: { name: 'x' } },
              } as never,
            },
          },
        }),
    ],
    [
      'changing the own organization’s id',
      () => scoped.organization.update({ where: { id: orgA.id }, data: { id: randomUUID() } }),
    ],
  ])('%s is refused', async (_name, run) => {
    const before = await orgBSnapshot();
    await expect(run()).rejects.toMatchObject({ code: 'SCOPE_VIOLATION' });
    expect(await orgBSnapshot()).toEqual(before);
  });

  it.each<Attack>([
    [
      'connect of a B invite from the own org',
      () =>
        scoped.organization.update({
          where: { id: orgA.id },
          data: { invites: { connect: { id: inviteB.id } } },
        }),
    ],
    [
      'connectOrCreate of a B membership from the own org',
      () =>
        scoped.organization.update({
          where: { id: orgA.id },
          data: {
            memberships: {
              connectOrCreate: {
                where: { id: membershipB.id },
                create: { id: membershipB.id, userId: userB.id, role: 'owner' },
              },
            },
          },
        }),
    ],
  ])('%s cannot take the row over', async (_name, run) => {
    const before = await orgBSnapshot();
    await expect(run()).rejects.toThrow();
    expect(await orgBSnapshot()).toEqual(before);
  });
});

describe('scopedDb: no nested writes from global models into org-owned ones (M2c)', () => {
  it.each<Attack>([
    [
      'user.update → memberships.updateMany (demotes B’s owner)',
      () =>
        scoped.user.update({
          where: { id: userB.id },
          data: {
            memberships: { updateMany: { where: { role: 'owner' }, data: { role: 'auditor' } } },
          },
        }),
    ],
    [
      'user.update → memberships.deleteMany',
      () =>
        scoped.user.update({ where: { id: userB.id }, data: { memberships: { deleteMany: {} } } }),
    ],
    [
      'user.update → memberships.update',
      () =>
        scoped.user.update({
          where: { id: userB.id },
          data: {
            memberships: { update: { where: { id: membershipB.id }, data: { role: 'admin' } } },
          },
        }),
    ],
    [
      'user.update → memberships.delete',
      () =>
        scoped.user.update({
          where: { id: userB.id },
          data: { memberships: { delete: { id: membershipB.id } } },
        }),
    ],
    [
      'user.update → memberships.connect (takes B’s membership)',
      () =>
        scoped.user.update({
          where: { id: userA.id },
          data: { memberships: { connect: { id: membershipB.id } } },
        }),
    ],
    [
      'user.update → memberships.set',
      () =>
        scoped.user.update({
          where: { id: userB.id },
          data: { memberships: { set: [] } } as never,
        }),
    ],
    [
      'user.update → memberships.disconnect',
      () =>
        scoped.user.update({
          where: { id: userB.id },
          data: { memberships: { disconnect: { id: membershipB.id } } } as never,
        }),
    ],
    [
      'user.update → memberships.upsert',
      () =>
        scoped.user.update({
          where: { id: userB.id },
          data: {
            memberships: {
              upsert: {
                where: { id: membershipB.id },
                create: { orgId: orgA.id, role: 'auditor' },
                update: { role: 'auditor' },
              },
            },
          },
        }),
    ],
    [
      'user.update → memberships.create into B',
      () =>
        scoped.user.update({
          where: { id: userA.id },
          data: { memberships: { create: { orgId: orgB.id, role: 'owner' } } },
        }),
    ],
    [
      'user.update → memberships.createMany into the own org',
      () =>
        scoped.user.update({
          where: { id: userB.id },
          data: { memberships: { createMany: { data: [{ orgId: orgA.id, role: 'owner' }] } } },
        }),
    ],
    [
      'user.update → memberships.connectOrCreate',
      () =>
        scoped.user.update({
          where: { id: userA.id },
          data: {
            memberships: {
              connectOrCreate: {
                where: { id: membershipB.id },
                create: { orgId: orgA.id, role: 'owner' },
              },
            },
          },
        }),
    ],
    [
      'user.create → memberships.create into the own org',
      () =>
        scoped.user.create({
          data: {
            email: `${randomUUID()}@example.test`,
            memberships: { create: { orgId: orgA.id, role: 'owner' } },
          },
        }),
    ],
    [
      'user.upsert → update: memberships.deleteMany',
      () =>
        scoped.user.upsert({
          where: { id: userB.id },
          create: { email: `${randomUUID()}@example.test` },
          update: { memberships: { deleteMany: {} } },
        }),
    ],
    [
      'session.update → user.update → memberships.updateMany (through a global model)',
      () =>
        scoped.session.update({
          where: { id: sessionB.id },
          data: {
            user: {
              update: { memberships: { updateMany: { where: {}, data: { role: 'auditor' } } } },
            },
          },
        }),
    ],
    [
      'session.create → user.connectOrCreate → memberships.create',
      () =>
        scoped.session.create({
          data: {
            sessionToken: randomUUID(),
            expires: new Date(),
            user: {
              connectOrCreate: {
                where: { id: userB.id },
                create: {
                  email: `${randomUUID()}@example.test`,
                  memberships: { create: { orgId: orgA.id, role: 'owner' } },
                },
              },
            },
          },
        }),
    ],
  ])('%s is refused', async (_name, run) => {
    const before = await orgBSnapshot();
    await expect(run()).rejects.toMatchObject({ code: 'SCOPE_UNSUPPORTED' });
    expect(await orgBSnapshot()).toEqual(before);
  });

  it('refuses it for a person who is a member of both orgs, leaving their B membership alone', async () => {
    const shared = await createUser({ prisma: db.prisma });
    const inA = await createMembership({
      prisma: db.prisma,
      orgId: orgA.id,
      userId: shared.id,
      role: 'owner',
    });
    const inB = await createMembership({
      prisma: db.prisma,
      orgId: orgB.id,
      userId: shared.id,
      role: 'owner',
    });
    const session = await db.prisma.session.create({
      data: { sessionToken: randomUUID(), userId: shared.id, expires: new Date() },
    });
    // The session belongs to someone who is a member of A: the path looks legitimate from A.
    expect(inA.orgId).toBe(orgA.id);
    await expect(
      scoped.session.update({
        where: { id: session.id },
        data: {
          user: {
            update: { memberships: { updateMany: { where: {}, data: { role: 'auditor' } } } },
          },
        },
      }),
    ).rejects.toMatchObject({ code: 'SCOPE_UNSUPPORTED' });
    expect(await db.prisma.membership.findUnique({ where: { id: inB.id } })).toMatchObject({
      role: 'owner',
    });
    await db.prisma.user.delete({ where: { id: shared.id } });
  });
});

describe('scopedDb: no relation filters from global models into org-owned ones (M2d)', () => {
  it.each<Attack>([
    [
      'user.findMany where memberships.some in B',
      () => scoped.user.findMany({ where: { memberships: { some: { orgId: orgB.id } } } }),
    ],
    [
      '… every',
      () => scoped.user.findMany({ where: { memberships: { every: { role: 'owner' } } } }),
    ],
    ['… none', () => scoped.user.findMany({ where: { memberships: { none: {} } } })],
    [
      '… inside AND',
      () =>
        scoped.user.findMany({ where: { AND: [{ memberships: { some: { orgId: orgB.id } } }] } }),
    ],
    [
      '… inside OR',
      () =>
        scoped.user.findMany({
          where: { OR: [{ id: userA.id }, { memberships: { some: { orgId: orgB.id } } }] },
        }),
    ],
    [
      '… inside NOT',
      () =>
        scoped.user.findFirst({ where: { NOT: { memberships: { none: { orgId: orgB.id } } } } }),
    ],
    [
      'user.count',
      () => scoped.user.count({ where: { memberships: { some: { role: 'owner' } } } }),
    ],
    [
      'user.findUnique',
      () =>
        scoped.user.findUnique({
          where: { id: userB.id, memberships: { some: { orgId: orgB.id } } },
        }),
    ],
    [
      'user.deleteMany (would delete B’s owner)',
      () => scoped.user.deleteMany({ where: { memberships: { some: { orgId: orgB.id } } } }),
    ],
    [
      'user.updateMany',
      () =>
        scoped.user.updateMany({
          where: { memberships: { some: { orgId: orgB.id } } },
          data: { name: 'x' },
        }),
    ],
    [
      'account.findMany through user.is',
      () =>
        scoped.account.findMany({
          where: { user: { is: { memberships: { some: { orgId: orgB.id } } } } },
        }),
    ],
    [
      'account.findMany through user.isNot',
      () => scoped.account.findMany({ where: { user: { isNot: { memberships: { none: {} } } } } }),
    ],
    [
      'account.findMany through the to-one shorthand',
      () =>
        scoped.account.findMany({ where: { user: { memberships: { some: { orgId: orgB.id } } } } }),
    ],
    [
      'organization.findMany through its members’ other memberships',
      () =>
        scoped.organization.findMany({
          where: { memberships: { some: { user: { memberships: { some: { orgId: orgB.id } } } } } },
        }),
    ],
    [
      'a filter inside an include',
      () =>
        scoped.membership.findMany({
          include: {
            user: {
              include: {
                sessions: { where: { user: { memberships: { some: { orgId: orgB.id } } } } },
              },
            },
          },
        }),
    ],
    [
      'a cursor',
      () =>
        scoped.user.findMany({
          cursor: { id: userB.id, memberships: { some: { orgId: orgB.id } } },
        }),
    ],
    [
      'an orderBy over memberships',
      () => scoped.user.findMany({ orderBy: { memberships: { _count: 'desc' } } }),
    ],
    [
      'a fluent read from a user into memberships',
      () => scoped.user.findUnique({ where: { id: userB.id } }).memberships(),
    ],
  ])('%s is refused', async (_name, run) => {
    const before = await orgBSnapshot();
    await expect(run()).rejects.toMatchObject({ code: 'SCOPE_UNSUPPORTED' });
    expect(await orgBSnapshot()).toEqual(before);
  });
});

/** Earlier tests delete org A's invites on purpose; these tests bring their own. */
function freshInviteInA(): Promise<Invite> {
  return db.prisma.invite.create({
    data: {
      orgId: orgA.id,
      email: 'fresh@example.test',
      role: 'auditor',
      tokenHash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
}

describe('scopedDb: what stays inside the org still works', () => {
  it.each<Attack>([
    [
      'a relation filter from an org row to its user',
      () => scoped.membership.findMany({ where: { user: { email: { contains: '@' } } } }),
    ],
    [
      'a relation filter from the org to its members',
      () => scoped.organization.findFirst({ where: { memberships: { some: { role: 'owner' } } } }),
    ],
    [
      'connecting the own org explicitly',
      async () =>
        scoped.invite.update({
          where: { id: (await freshInviteInA()).id },
          data: { organization: { connect: { id: orgA.id } } },
        }),
    ],
    [
      'connecting an own invite from the org',
      async () =>
        scoped.organization.update({
          where: { id: orgA.id },
          data: { invites: { connect: { id: (await freshInviteInA()).id } } },
        }),
    ],
    [
      'updating the own org through a membership',
      () =>
        scoped.membership.update({
          where: { id: membershipA.id },
          data: { organization: { update: { name: 'Org A' } } },
        }),
    ],
    [
      'updating the own org through a membership, wrapped',
      () =>
        scoped.membership.update({
          where: { id: membershipA.id },
          data: { organization: { update: { data: { name: 'Org A' } } } },
        }),
    ],
    [
      'a user’s own sessions and accounts',
      () =>
        scoped.user.update({
          where: { id: userA.id },
          data: { sessions: { deleteMany: { expires: { lt: new Date(0) } } } },
        }),
    ],
    [
      'activity details that mention another org (free JSON, not a column)',
      () =>
        scoped.$transaction((tx) =>
          appendActivity(tx, { orgId: orgA.id, action: 'x.y', details: { orgId: orgB.id } }),
        ),
    ],
  ])('%s', async (_name, run) => {
    const before = await orgBSnapshot();
    await run();
    expect(await orgBSnapshot()).toEqual(before);
  });

  it('creates invites through the org relation, in the own org', async () => {
    const org = await scoped.organization.update({
      where: { id: orgA.id },
      data: {
        invites: {
          create: {
            email: 'nested@example.test',
            role: 'auditor',
            tokenHash: '9'.repeat(64),
            expiresAt: new Date(),
          },
        },
      },
      include: { invites: { where: { email: 'nested@example.test' } } },
    });
    expect(org.invites.map((invite) => invite.orgId)).toEqual([orgA.id]);
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
