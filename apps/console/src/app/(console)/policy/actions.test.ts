import { createSession } from '@parapet/accounts';
import { seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { savePolicyDraft } from '@parapet/policy-admin';
import { describe, expect, it } from 'vitest';
import { callAction } from '@/server/testing/call-action';
import { publishPolicyAction } from './actions';

const db = setupTestDatabase();

describe('publishing from the Policy page', () => {
  it('publishes the drafts the page showed, and refuses a draft saved since then', async () => {
    const org = await seedOrg({ prisma: db() });
    const { sessionToken } = await db().$transaction((tx) =>
      createSession({ tx, userId: org.admin.user.id }),
    );
    const save = (source: string) =>
      savePolicyDraft({ db: db(), actor: org.owner.actor, input: { layer: 'baseline', source } });
    await save('mode: enforce\n');
    const publish = (message: string, reviewed: string) =>
      callAction({
        action: publishPolicyAction,
        db: db(),
        sessionToken,
        rawInput: { orgId: org.orgId, message, reviewed },
      });

    const first = await publish('As reviewed', 'guardrails@0 baseline@1');
    expect(first.result).toMatchObject({ status: 'success', data: { version: 1 } });

    // The owner saves while the admin still has the page with revision 2 open.
    await save('mode: audit\n');
    await save('mode: enforce\n');
    const stale = await publish('Based on what I saw', 'guardrails@0 baseline@2');
    expect(stale.result).toMatchObject({ status: 'error', code: 'STALE_REVISION' });
    expect(await db().policyVersion.count()).toBe(1);

    const garbled = await publish('Garbled', 'baseline@two');
    expect(garbled.result).toMatchObject({ status: 'error', code: 'INVALID_INPUT' });
  });
});
