import { createOrg } from '@parapet/db/testing';
import { describe, expect, it } from 'vitest';
import { seedMember } from '../testing/seed-member';
import { setupTestDatabase } from '../testing/setup-test-database';
import { createSession } from './create-session';
import { readSession } from './read-session';
import { signOut } from './sign-out';

const db = setupTestDatabase();

describe('signOut', () => {
  it('deletes the session row and records sign_out', async () => {
    const org = await createOrg({ prisma: db() });
    const member = await seedMember({ prisma: db(), orgId: org.id, role: 'auditor' });
    const session = await db().$transaction((tx) => createSession({ tx, userId: member.user.id }));
    const other = await db().$transaction((tx) => createSession({ tx, userId: member.user.id }));

    expect(
      await signOut({ db: db(), sessionToken: session.sessionToken, actor: member.actor }),
    ).toEqual({ ended: true });
    expect(await readSession({ db: db(), sessionToken: session.sessionToken })).toBeNull();
    expect(await readSession({ db: db(), sessionToken: other.sessionToken })).not.toBeNull();
    const actions = await db().activityLogEntry.findMany({ where: { orgId: org.id } });
    expect(actions.map((row) => row.action)).toEqual(['sign_out']);
  });

  it('does nothing for a session that is already gone', async () => {
    const org = await createOrg({ prisma: db() });
    const member = await seedMember({ prisma: db(), orgId: org.id, role: 'auditor' });
    expect(await signOut({ db: db(), sessionToken: 'unknown', actor: member.actor })).toEqual({
      ended: false,
    });
    expect(await db().activityLogEntry.count()).toBe(0);
  });
});
