import { describe, expect, it } from 'vitest';
import { hashSecretToken } from '../shared/tokens';
import { expectAppError } from '../testing/expect-app-error';
import { seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { createInvite } from './create-invite';

const db = setupTestDatabase();
const now = new Date('2030-01-01T09:00:00Z');

describe('createInvite', () => {
  it('stores only the token hash, expires in 7 days and records invite_created', async () => {
    const org = await seedOrg({ prisma: db() });
    const invite = await createInvite({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'New.Person@Example.com', role: 'auditor' },
      now,
    });
    expect(invite.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db().invite.findUniqueOrThrow({ where: { id: invite.inviteId } });
    expect(row).toMatchObject({
      orgId: org.orgId,
      email: 'new.person@example.com',
      role: 'auditor',
      tokenHash: hashSecretToken(invite.token),
      invitedById: org.admin.user.id,
      acceptedAt: null,
      revokedAt: null,
    });
    expect(row.expiresAt.toISOString()).toBe('2030-01-08T09:00:00.000Z');
    const activity = await db().activityLogEntry.findMany({ where: { orgId: org.orgId } });
    expect(activity.map((entry) => [entry.action, entry.target])).toEqual([
      ['invite_created', 'new.person@example.com'],
    ]);
  });

  it('lets an owner invite an owner', async () => {
    const org = await seedOrg({ prisma: db() });
    const invite = await createInvite({
      db: db(),
      actor: org.owner.actor,
      input: { email: 'co-owner@example.com', role: 'owner' },
    });
    expect(invite.role).toBe('owner');
  });

  it.each([
    ['an admin inviting an owner', 'admin', { email: 'x@example.com', role: 'owner' }, 'FORBIDDEN'],
    [
      'an auditor inviting anyone',
      'auditor',
      { email: 'x@example.com', role: 'auditor' },
      'FORBIDDEN',
    ],
    ['a forged role', 'owner', { email: 'x@example.com', role: 'superuser' }, 'INVALID_INPUT'],
    ['an empty email', 'owner', { email: '', role: 'auditor' }, 'INVALID_INPUT'],
    ['a malformed email', 'owner', { email: 'not an email', role: 'auditor' }, 'INVALID_INPUT'],
    [
      'an oversized email',
      'owner',
      { email: `${'a'.repeat(250)}@example.com`, role: 'auditor' },
      'INVALID_INPUT',
    ],
    [
      'an extra field',
      'owner',
      { email: 'x@example.com', role: 'auditor', orgId: 'other' },
      'INVALID_INPUT',
    ],
  ] as const)('refuses %s and changes nothing', async (_name, actorRole, input, code) => {
    const org = await seedOrg({ prisma: db() });
    const before = await snapshotDatabase(db());
    await expectAppError(
      createInvite({ db: db(), actor: org[actorRole].actor, input: input as never }),
      code,
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses someone who is already a member', async () => {
    const org = await seedOrg({ prisma: db() });
    const error = await expectAppError(
      createInvite({
        db: db(),
        actor: org.owner.actor,
        input: { email: org.auditor.user.email, role: 'admin' },
      }),
      'CONFLICT',
    );
    expect(error.fieldErrors?.email).toEqual(['This person is already a member.']);
  });

  it('refuses a second pending invite for the same email', async () => {
    const org = await seedOrg({ prisma: db() });
    const input = { email: 'twice@example.com', role: 'auditor' } as const;
    await createInvite({ db: db(), actor: org.owner.actor, input });
    const before = await snapshotDatabase(db());
    await expectAppError(createInvite({ db: db(), actor: org.owner.actor, input }), 'CONFLICT');
    expect(await snapshotDatabase(db())).toBe(before);
  });
});
