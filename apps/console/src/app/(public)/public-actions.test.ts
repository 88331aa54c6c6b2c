import { createInvite, readSession } from '@parapet/accounts';
import { seedOrg, setupTestDatabase, snapshotDatabase } from '@parapet/accounts/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearSetupGate, configureSetupGate } from '@/server/setup/setup-gate';
import { callAction } from '@/server/testing/call-action';
import { acceptInviteAction, acceptInviteWithPasswordAction } from './invite/[token]/actions';
import { setupAction } from './setup/actions';
import { signInAction } from './sign-in/actions';

const db = setupTestDatabase();
const password = 'correct horse battery staple';
const setupForm = {
  organizationName: 'Acme',
  name: '',
  email: 'owner@example.com',
  password,
  confirmPassword: password,
};

function post(action: unknown, rawInput: Record<string, unknown>) {
  return callAction({ action, db: db(), rawInput });
}

beforeEach(() => {
  // A laptop's first run: loopback, embedded database (see server/setup/setup-gate-mode.ts).
  configureSetupGate({ mode: 'open' });
});

afterEach(() => {
  clearSetupGate();
});

describe('setup on a network-facing install', () => {
  const setupToken = 'f'.repeat(64);

  beforeEach(() => {
    configureSetupGate({ mode: 'token', token: setupToken });
  });

  it.each([
    ['without the setup token', {}, 'INVALID_INPUT'],
    ['with an empty setup token', { setupToken: '' }, 'INVALID_INPUT'],
    ['with a wrong setup token', { setupToken: 'e'.repeat(64) }, 'FORBIDDEN'],
  ])('refuses %s, on the token field, and creates nothing', async (_name, token, code) => {
    const before = await snapshotDatabase(db());
    const { result, effects } = await post(setupAction, { ...setupForm, ...token });
    expect(result).toMatchObject({
      status: 'error',
      code,
      fieldErrors: { setupToken: [expect.stringMatching(/setup token/)] },
    });
    expect(effects).toEqual({});
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('sets up with the setup token from the log', async () => {
    const { result } = await post(setupAction, { ...setupForm, setupToken: ` ${setupToken} ` });
    expect(result.status).toBe('success');
    expect(await db().membership.count({ where: { role: 'owner' } })).toBe(1);
  });

  it('refuses everything when no gate was configured (not started by the serve script)', async () => {
    clearSetupGate();
    const { result } = await post(setupAction, { ...setupForm, setupToken });
    expect(result).toMatchObject({ status: 'error', code: 'FORBIDDEN' });
    expect(await db().organization.count()).toBe(0);
  });
});

describe('the public actions', () => {
  it('sets up once, then refuses the setup action for good', async () => {
    const first = await post(setupAction, setupForm);
    expect(first).toMatchObject({
      result: { status: 'success' },
      effects: { redirectTo: '/sign-in?notice=setup' },
    });
    // The organization's trust root is made with it: key set 1, signed by its one key.
    expect(await db().keySet.findMany({ select: { version: true } })).toEqual([{ version: 1 }]);
    const before = await snapshotDatabase(db());
    const second = await post(setupAction, { ...setupForm, email: 'intruder@example.com' });
    expect(second.result).toMatchObject({ status: 'error', code: 'SETUP_COMPLETE' });
    expect(second.effects).toEqual({});
    expect(await snapshotDatabase(db())).toBe(before);
  });

  it('refuses a setup whose passwords differ, on the repeated field', async () => {
    const { result } = await post(setupAction, {
      ...setupForm,
      confirmPassword: 'something else entirely',
    });
    expect(result).toMatchObject({
      status: 'error',
      code: 'INVALID_INPUT',
      fieldErrors: { confirmPassword: ['The two passwords do not match.'] },
    });
    expect(await db().organization.count()).toBe(0);
  });

  it('signs in by setting a session cookie whose token resolves to the user', async () => {
    await post(setupAction, setupForm);
    const { result, effects } = await post(signInAction, { email: 'owner@example.com', password });
    expect(result.status).toBe('success');
    expect(effects.redirectTo).toBe('/');
    const session = effects.session;
    if (!session || session === 'clear') throw new Error('expected a session cookie');
    expect(await readSession({ db: db(), sessionToken: session.token })).toMatchObject({
      email: 'owner@example.com',
    });
  });

  it('sets no cookie for a wrong password', async () => {
    await post(setupAction, setupForm);
    const { result, effects } = await post(signInAction, {
      email: 'owner@example.com',
      password: 'wrong password!',
    });
    expect(result).toMatchObject({
      status: 'error',
      code: 'INVALID_CREDENTIALS',
      values: { email: 'owner@example.com' },
    });
    expect(effects).toEqual({});
  });

  it('refuses an invite token that matches nothing', async () => {
    const { result } = await post(acceptInviteAction, {
      token: 'A'.repeat(43),
      name: 'Someone',
      password,
      confirmPassword: password,
    });
    expect(result).toMatchObject({ status: 'error', code: 'INVITE_UNUSABLE' });
  });
});

describe('names that would spoof how a page reads', () => {
  const message = 'Names cannot contain text-direction controls (found U+202E).';

  it('refuses a right-to-left override in the names of first-run setup, on that field', async () => {
    const organization = await post(setupAction, {
      ...setupForm,
      organizationName: 'Acme\u202Ecni',
    });
    expect(organization.result).toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: { organizationName: [message] },
    });
    const owner = await post(setupAction, { ...setupForm, name: 'Ana\u202Enimda' });
    expect(owner.result).toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { name: [message] } });
    expect(await db().organization.count()).toBe(0);
  });

  it('refuses a right-to-left override in the name an invitee gives, and creates nothing', async () => {
    const org = await seedOrg({ prisma: db() });
    const { token } = await createInvite({
      db: db(),
      actor: org.owner.actor,
      input: { email: 'ivy@example.com', role: 'auditor' },
    });
    const before = await snapshotDatabase(db());
    const { result } = await post(acceptInviteAction, {
      token,
      name: 'Ivy\u202Enimda',
      password,
      confirmPassword: password,
    });
    expect(result).toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { name: [message] } });
    expect(await snapshotDatabase(db())).toBe(before);
  });
});

describe('accepting an invite with an account from another organization', () => {
  async function inviteMemberOfAnotherOrg() {
    const org = await seedOrg({ prisma: db(), name: 'Joining Org' });
    const other = await seedOrg({ prisma: db(), name: 'Home Org' });
    const existing = other.auditor;
    const invite = await createInvite({
      db: db(),
      actor: org.admin.actor,
      input: { email: existing.user.email, role: 'auditor' },
    });
    const fresh = await createInvite({
      db: db(),
      actor: org.admin.actor,
      input: { email: 'no-account-yet@example.com', role: 'auditor' },
    });
    return { org, existing, token: invite.token, freshToken: fresh.token };
  }

  it('joins with the account’s password and sends the person to sign in', async () => {
    const { org, existing, token } = await inviteMemberOfAnotherOrg();
    const { result, effects } = await post(acceptInviteWithPasswordAction, {
      token,
      password: existing.password,
    });
    expect(result.status).toBe('success');
    expect(effects).toEqual({ redirectTo: '/sign-in?notice=invite-joined' });
    expect(
      await db().membership.count({ where: { orgId: org.orgId, userId: existing.user.id } }),
    ).toBe(1);
  });

  it('answers a wrong password exactly as it answers an email without an account', async () => {
    const { existing, token, freshToken } = await inviteMemberOfAnotherOrg();
    const answers = [
      await post(acceptInviteWithPasswordAction, { token, password: 'a wrong passphrase' }),
      await post(acceptInviteWithPasswordAction, {
        token: freshToken,
        password: 'a wrong passphrase',
      }),
      await post(acceptInviteAction, {
        token,
        name: 'Mallory',
        password: 'a wrong passphrase',
        confirmPassword: 'a wrong passphrase',
      }),
    ];
    const [first, ...rest] = answers.map(({ result, effects }) => ({ result, effects }));
    expect(first).toMatchObject({ result: { status: 'error', code: 'INVALID_CREDENTIALS' } });
    expect(JSON.stringify(first)).not.toMatch(/exist|already/i);
    // The create form echoes the name typed; otherwise the three answers are the same.
    for (const answer of rest) {
      expect({ ...answer, result: { ...answer.result, values: {} } }).toEqual({
        ...first,
        result: { ...first?.result, values: {} },
      });
    }
    expect(await db().user.findUniqueOrThrow({ where: { id: existing.user.id } })).toEqual(
      existing.user,
    );
  });
});
