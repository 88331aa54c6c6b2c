import { createSession } from '@parapet/accounts';
import { seedOrg, setupTestDatabase, snapshotDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { callAction } from '@/server/testing/call-action';
import { changeMemberRoleAction, createInviteAction, removeMemberAction } from './actions';

const db = setupTestDatabase();

async function signedInOrg() {
  const org = await seedOrg({ prisma: db() });
  const { sessionToken } = await db().$transaction((tx) =>
    createSession({ tx, userId: org.owner.user.id }),
  );
  return { org, sessionToken };
}

function post(action: unknown, sessionToken: string, rawInput: Record<string, unknown>) {
  return callAction({
    action,
    db: db(),
    sessionToken,
    rawInput,
    origin: 'https://parapet.example',
  });
}

describe('members actions, as a form posts them', () => {
  it('shows the invite link once, built from the console origin', async () => {
    const { org, sessionToken } = await signedInOrg();
    const { result } = await post(createInviteAction, sessionToken, {
      orgId: org.orgId,
      email: 'new@example.com',
      role: 'auditor',
    });
    expect(result).toMatchObject({ status: 'success' });
    const link = (result as { data: { link: string } }).data.link;
    expect(link).toMatch(/^https:\/\/parapet\.example\/invite\/[A-Za-z0-9_-]{43}$/);
    const stored = await db().invite.findFirstOrThrow({ where: { email: 'new@example.com' } });
    expect(link).not.toContain(stored.tokenHash);
  });

  it.each([
    ['a forged role value', { role: 'superuser' }, 'role'],
    ['an empty email', { email: '' }, 'email'],
    ['a malformed email', { email: 'someone' }, 'email'],
    ['an oversized email', { email: `${'x'.repeat(250)}@example.com` }, 'email'],
    ['an extra field', { isOwner: 'true' }, '_form'],
  ])('refuses %s with a field error and changes nothing', async (_name, change, field) => {
    const { org, sessionToken } = await signedInOrg();
    const before = await snapshotDatabase(db());
    const { result } = await post(createInviteAction, sessionToken, {
      orgId: org.orgId,
      email: 'new@example.com',
      role: 'auditor',
      ...change,
    });
    expect(result).toMatchObject({ status: 'error', code: 'INVALID_INPUT' });
    expect(
      (result as { fieldErrors: Record<string, string[]> }).fieldErrors[field]?.length,
    ).toBeGreaterThan(0);
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses a forged role value when changing a role', async () => {
    const { org, sessionToken } = await signedInOrg();
    const before = await snapshotDatabase(db());
    const { result } = await post(changeMemberRoleAction, sessionToken, {
      orgId: org.orgId,
      membershipId: org.auditor.membership.id,
      role: 'root',
    });
    expect(result).toMatchObject({
      status: 'error',
      code: 'INVALID_INPUT',
      fieldErrors: { role: ['Choose one of the listed roles.'] },
    });
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('never removes or demotes the last owner', async () => {
    const { org, sessionToken } = await signedInOrg();
    const before = await snapshotDatabase(db());
    const removal = await post(removeMemberAction, sessionToken, {
      orgId: org.orgId,
      membershipId: org.owner.membership.id,
    });
    expect(removal.result).toMatchObject({ status: 'error', code: 'LAST_OWNER' });
    const demotion = await post(changeMemberRoleAction, sessionToken, {
      orgId: org.orgId,
      membershipId: org.owner.membership.id,
      role: 'admin',
    });
    expect(demotion.result).toMatchObject({ status: 'error', code: 'LAST_OWNER' });
    expect(await snapshotDatabase(db())).toBe(before);
  });
});
