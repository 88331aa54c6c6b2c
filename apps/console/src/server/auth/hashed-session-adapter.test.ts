import { hashSecretToken, sessionPolicy } from '@parapet/accounts';
import { seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { createHashedSessionAdapter } from './hashed-session-adapter';

const db = setupTestDatabase();

describe('the hashed session adapter Auth.js uses', () => {
  it('stores only the token hash, resolves the token, and never returns the password hash', async () => {
    const org = await seedOrg({ prisma: db() });
    const adapter = createHashedSessionAdapter(db());
    const token = 'a-session-token-from-an-sso-sign-in';
    const expires = new Date(Date.now() + 60 * 60_000);
    await adapter.createSession?.({ sessionToken: token, userId: org.admin.user.id, expires });
    const row = await db().session.findFirstOrThrow();
    expect(row.sessionToken).toBe(hashSecretToken(token));

    const found = await adapter.getSessionAndUser?.(token);
    expect(found?.session).toMatchObject({ sessionToken: token, userId: org.admin.user.id });
    expect(found?.user).toMatchObject({ id: org.admin.user.id, email: org.admin.user.email });
    expect(found?.user).not.toHaveProperty('passwordHash');
    expect(await adapter.getSessionAndUser?.(row.sessionToken)).toBeNull();

    await adapter.deleteSession?.(token);
    expect(await db().session.count()).toBe(0);
    await expect(adapter.deleteSession?.(token)).resolves.toBeNull();
  });

  it('caps any requested expiry at the absolute session limit', async () => {
    const org = await seedOrg({ prisma: db() });
    const adapter = createHashedSessionAdapter(db());
    const farFuture = new Date(Date.now() + 30 * 24 * 60 * 60_000);
    const created = await adapter.createSession?.({
      sessionToken: 't1',
      userId: org.admin.user.id,
      expires: farFuture,
    });
    const limit = Date.now() + sessionPolicy.absoluteSeconds * 1000;
    expect(created?.expires.getTime()).toBeLessThanOrEqual(limit);
    const updated = await adapter.updateSession?.({ sessionToken: 't1', expires: farFuture });
    expect(updated?.expires.getTime()).toBeLessThanOrEqual(limit);
  });
});
