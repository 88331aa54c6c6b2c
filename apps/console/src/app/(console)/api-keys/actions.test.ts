import { createSession } from '@parapet/accounts';
import { seedOrg, setupTestDatabase, snapshotDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { callAction } from '@/server/testing/call-action';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

const db = setupTestDatabase();

async function signedIn(role: 'owner' | 'admin' = 'owner') {
  const org = await seedOrg({ prisma: db() });
  const { sessionToken } = await db().$transaction((tx) =>
    createSession({ tx, userId: org[role].user.id }),
  );
  return { org, sessionToken };
}

describe('API key actions, as the form posts them', () => {
  it('shows the key once; an empty expiry means none, a date lasts through that day', async () => {
    const { org, sessionToken } = await signedIn();
    const post = (name: string, expiresAt: string) =>
      callAction({
        action: createApiKeyAction,
        db: db(),
        sessionToken,
        rawInput: { orgId: org.orgId, name, role: 'admin', expiresAt },
      });
    const { result } = await post('No expiry', '');
    expect(result).toMatchObject({
      status: 'success',
      data: { name: 'No expiry', role: 'admin', key: expect.stringMatching(/^ppk_/) },
      message: 'API key “No expiry” created as Admin.',
    });
    await post('Dated', '2999-01-31');
    const stored = await db().apiKey.findMany({ orderBy: { createdAt: 'asc' } });
    expect(stored.map((key) => key.expiresAt)).toEqual([
      null,
      new Date('2999-01-31T23:59:59.999Z'),
    ]);
  });

  it('refuses a past date beside the field, changing nothing', async () => {
    const { org, sessionToken } = await signedIn();
    const before = await snapshotDatabase(db());
    const { result } = await callAction({
      action: createApiKeyAction,
      db: db(),
      sessionToken,
      rawInput: { orgId: org.orgId, name: 'Old', role: 'admin', expiresAt: '2001-01-01' },
    });
    expect(result).toMatchObject({
      status: 'error',
      code: 'INVALID_INPUT',
      fieldErrors: { expiresAt: ['Choose a time in the future.'] },
    });
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('revokes a key', async () => {
    const { org, sessionToken } = await signedIn();
    await callAction({
      action: createApiKeyAction,
      db: db(),
      sessionToken,
      rawInput: { orgId: org.orgId, name: 'Bot', role: 'auditor', expiresAt: '' },
    });
    const { id } = await db().apiKey.findFirstOrThrow();
    const { result } = await callAction({
      action: revokeApiKeyAction,
      db: db(),
      sessionToken,
      rawInput: { orgId: org.orgId, id },
    });
    expect(result).toMatchObject({ status: 'success', message: 'API key “Bot” revoked.' });
  });
});
