import { describe, expect, it } from 'vitest';
import { acceptInvite, acceptInviteWithPassword } from '../invites/accept-invite';
import { listUserMemberships } from '../members/list-user-memberships';
import { expectAppError } from '../testing/expect-app-error';
import { seedOrg, testPassword } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { createOrganizationWithInvite } from './create-organization-with-invite';
import { createOwnOrganization } from './create-own-organization';
import { listOrganizations } from './list-organizations';
import { signUp } from './sign-up';

const db = setupTestDatabase();
const now = new Date('2030-01-01T09:00:00Z');
const password = 'a long enough passphrase';

describe('createOrganizationWithInvite (the operator’s command)', () => {
  it('creates the organization, provisions it, starts its log and invites its owner', async () => {
    const provisioned: string[] = [];
    const created = await createOrganizationWithInvite({
      db: db(),
      input: { name: ' Acme Corp ', ownerEmail: 'Owner@Acme.test' },
      provisionOrganization: async (_tx, { orgId }) => provisioned.push(orgId),
      now,
    });
    expect(created).toMatchObject({ name: 'Acme Corp', invite: { email: 'owner@acme.test' } });
    expect(provisioned).toEqual([created.orgId]);
    const activity = await db().activityLogEntry.findMany({
      where: { orgId: created.orgId },
      orderBy: { seq: 'asc' },
    });
    expect(activity.map((entry) => [entry.seq, entry.action, entry.actorUserId])).toEqual([
      [1, 'setup', null],
      [2, 'invite_created', null],
    ]);
    expect(activity[0]?.details).toMatchObject({ via: 'operator', owner: 'owner@acme.test' });

    const accepted = await acceptInvite({
      db: db(),
      input: { token: created.invite.token, name: 'Olive Owner', password },
      now,
    });
    expect(accepted).toMatchObject({ orgId: created.orgId, role: 'owner', accountCreated: true });
  });

  it('lets a person who already has an account elsewhere join as a second membership', async () => {
    const first = await seedOrg({ prisma: db(), name: 'First' });
    const created = await createOrganizationWithInvite({
      db: db(),
      input: { name: 'Second', ownerEmail: first.admin.user.email },
      provisionOrganization: undefined,
      now,
    });
    await acceptInviteWithPassword({
      db: db(),
      input: { token: created.invite.token, password: testPassword },
      now,
    });
    const memberships = await listUserMemberships({ db: db(), userId: first.admin.user.id });
    expect(memberships.map((membership) => [membership.organizationName, membership.role])).toEqual(
      [
        ['First', 'admin'],
        ['Second', 'owner'],
      ],
    );
    const listed = await listOrganizations({ db: db() });
    expect(listed.map((organization) => [organization.name, organization.members])).toEqual([
      ['First', 3],
      ['Second', 1],
    ]);
    expect(listed[1]?.owners).toEqual([first.admin.user.email]);
  });

  it('refuses a bad name or email and changes nothing', async () => {
    const before = await snapshotDatabase(db());
    for (const input of [
      { name: '', ownerEmail: 'owner@acme.test' },
      { name: 'Acme', ownerEmail: 'not-an-email' },
      { name: 'x'.repeat(121), ownerEmail: 'owner@acme.test' },
    ]) {
      await expectAppError(
        createOrganizationWithInvite({ db: db(), input, provisionOrganization: undefined }),
        'INVALID_INPUT',
      );
    }
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

describe('self-service', () => {
  it('signs a visitor up with their first organization, as its owner, with a session', async () => {
    const signedUp = await signUp({
      db: db(),
      input: { organizationName: 'Start-up', name: 'Sam', email: 'sam@start.test', password },
      ip: '198.51.100.7',
      provisionOrganization: undefined,
      now,
    });
    const memberships = await listUserMemberships({ db: db(), userId: signedUp.userId });
    expect(memberships).toEqual([
      { orgId: signedUp.orgId, organizationName: 'Start-up', role: 'owner' },
    ]);
    expect(signedUp.sessionToken.length).toBeGreaterThan(20);
  });

  it('refuses an email that already has an account, and a short password', async () => {
    const org = await seedOrg({ prisma: db() });
    const taken = await expectAppError(
      signUp({
        db: db(),
        input: { organizationName: 'Mine', name: 'Eve', email: org.owner.user.email, password },
        provisionOrganization: undefined,
      }),
      'CONFLICT',
    );
    expect(taken.fieldErrors?.email).toBeDefined();
    await expectAppError(
      signUp({
        db: db(),
        input: { organizationName: 'Mine', name: 'Eve', email: 'eve@x.test', password: 'short' },
        provisionOrganization: undefined,
      }),
      'INVALID_INPUT',
    );
    expect(await listOrganizations({ db: db() })).toHaveLength(1);
  });

  it('lets a signed-in person create another organization they own', async () => {
    const org = await seedOrg({ prisma: db(), name: 'Home' });
    const { userId, email } = org.auditor.actor;
    const created = await createOwnOrganization({
      db: db(),
      user: { userId, email },
      input: { name: 'Side project' },
      ip: '198.51.100.8',
      provisionOrganization: undefined,
      now,
    });
    const memberships = await listUserMemberships({ db: db(), userId });
    expect(memberships.map((membership) => membership.role)).toEqual(['auditor', 'owner']);
    expect(memberships[1]?.orgId).toBe(created.orgId);
  });

  it('limits organization creation per address, counting attempts that fail', async () => {
    const org = await seedOrg({ prisma: db() });
    const ip = '203.0.113.9';
    // One attempt that fails on its email still counts.
    await expectAppError(
      signUp({
        db: db(),
        input: { organizationName: 'X', name: 'Eve', email: org.owner.user.email, password },
        ip,
        provisionOrganization: undefined,
        now,
      }),
      'CONFLICT',
    );
    const user = { userId: org.owner.user.id, email: org.owner.user.email };
    for (let index = 1; index < 20; index += 1) {
      await createOwnOrganization({
        db: db(),
        user,
        input: { name: `Org ${index}` },
        ip,
        provisionOrganization: undefined,
        now,
      });
    }
    await expectAppError(
      createOwnOrganization({
        db: db(),
        user,
        input: { name: 'One too many' },
        ip,
        provisionOrganization: undefined,
        now,
      }),
      'SIGN_IN_LOCKED',
    );
    // Another address is not affected.
    await createOwnOrganization({
      db: db(),
      user,
      input: { name: 'Elsewhere' },
      ip: '203.0.113.200',
      provisionOrganization: undefined,
      now,
    });
    expect(await listOrganizations({ db: db() })).toHaveLength(21);
  });
});
