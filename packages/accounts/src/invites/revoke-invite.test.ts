import { describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { seedOrg } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { snapshotDatabase } from '../testing/snapshot-database';
import { acceptInvite } from './accept-invite';
import { createInvite } from './create-invite';
import { listInvites } from './list-invites';
import { revokeInvite } from './revoke-invite';

const db = setupTestDatabase();

describe('revokeInvite', () => {
  it('revokes a pending invite, drops it from the pending list and records it', async () => {
    const org = await seedOrg({ prisma: db() });
    const { inviteId } = await createInvite({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'gone@example.com', role: 'auditor' },
    });
    expect(await listInvites({ db: db(), actor: org.auditor.actor })).toHaveLength(1);
    await revokeInvite({ db: db(), actor: org.admin.actor, input: { inviteId } });
    expect(await listInvites({ db: db(), actor: org.auditor.actor })).toHaveLength(0);
    const actions = await db().activityLogEntry.findMany({
      where: { orgId: org.orgId },
      orderBy: { seq: 'asc' },
    });
    expect(actions.map((entry) => entry.action)).toEqual(['invite_created', 'invite_revoked']);
  });

  it('refuses an admin revoking an owner invite, an auditor, another org and an accepted invite', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    const ownerInvite = await createInvite({
      db: db(),
      actor: org.owner.actor,
      input: { email: 'owner2@example.com', role: 'owner' },
    });
    const used = await createInvite({
      db: db(),
      actor: org.owner.actor,
      input: { email: 'used@example.com', role: 'auditor' },
    });
    await acceptInvite({
      db: db(),
      input: { token: used.token, name: 'Used', password: 'a long passphrase' },
    });
    const before = await snapshotDatabase(db());
    await expectAppError(
      revokeInvite({ db: db(), actor: org.admin.actor, input: { inviteId: ownerInvite.inviteId } }),
      'FORBIDDEN',
    );
    await expectAppError(
      revokeInvite({
        db: db(),
        actor: org.auditor.actor,
        input: { inviteId: ownerInvite.inviteId },
      }),
      'FORBIDDEN',
    );
    await expectAppError(
      revokeInvite({
        db: db(),
        actor: other.owner.actor,
        input: { inviteId: ownerInvite.inviteId },
      }),
      'NOT_FOUND',
    );
    await expectAppError(
      revokeInvite({ db: db(), actor: org.owner.actor, input: { inviteId: used.inviteId } }),
      'CONFLICT',
    );
    await expectAppError(
      revokeInvite({ db: db(), actor: org.owner.actor, input: { inviteId: 'nope' } }),
      'INVALID_INPUT',
    );
    expect(await snapshotDatabase(db())).toBe(before);
  });
});
