import { createActivityCheckpoint, createInvite, createSession } from '@parapet/accounts';
import { seedOrg, setupTestDatabase, snapshotDatabase } from '@parapet/accounts/testing';
import { describe, expect, it } from 'vitest';
import { callAction } from '@/server/testing/call-action';
import { verifyCheckpointAction } from './actions';

const db = setupTestDatabase();

async function signedInAuditor() {
  const org = await seedOrg({ prisma: db() });
  const { sessionToken } = await db().$transaction((tx) =>
    createSession({ tx, userId: org.auditor.user.id }),
  );
  return { org, sessionToken };
}

describe('verifying a checkpoint from the Activity page', () => {
  it('answers with the verdict in words, and changes nothing', async () => {
    const { org, sessionToken } = await signedInAuditor();
    await createInvite({
      db: db(),
      actor: org.owner.actor,
      input: { email: 'new@example.com', role: 'auditor' },
    });
    const checkpoint = await createActivityCheckpoint({ db: db(), actor: org.owner.actor });
    const before = await snapshotDatabase(db());
    const { result } = await callAction({
      action: verifyCheckpointAction,
      db: db(),
      sessionToken,
      rawInput: { orgId: org.orgId, checkpoint: JSON.stringify(checkpoint, null, 2) },
    });
    expect(result).toEqual({
      status: 'success',
      data: {
        status: 'consistent',
        message:
          'Consistent: the log still contains entry #1 with this hash and continues from it, intact, to #1.',
      },
      message: undefined,
    });
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it.each([
    ['nothing', '', 'Choose or paste a checkpoint file.'],
    ['text that is not JSON', 'my checkpoint', 'This is not a checkpoint file: it is not JSON.'],
    [
      'JSON that is not a checkpoint',
      '{"seq": 3}',
      'This is not a Parapet activity checkpoint file (or it was edited).',
    ],
  ])('refuses %s beside the field', async (_name, checkpoint, message) => {
    const { org, sessionToken } = await signedInAuditor();
    const { result } = await callAction({
      action: verifyCheckpointAction,
      db: db(),
      sessionToken,
      rawInput: { orgId: org.orgId, checkpoint },
    });
    expect(result).toMatchObject({
      status: 'error',
      code: 'INVALID_INPUT',
      fieldErrors: { checkpoint: [message] },
    });
  });
});
