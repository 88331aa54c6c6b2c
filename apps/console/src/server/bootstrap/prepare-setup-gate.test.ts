import { setupOrganization } from '@parapet/accounts';
import { setupTestDatabase } from '@parapet/accounts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSetupToken, clearSetupGate, setupTokenRequired } from '../setup/setup-gate';
import { prepareSetupGate } from './prepare-setup-gate';

const db = setupTestDatabase();
const setupUrl = 'https://parapet.example.com/setup';

afterEach(() => {
  clearSetupGate();
});

describe('prepareSetupGate', () => {
  it('makes a fresh one-time token for a network-facing install without an owner, and says where to use it', async () => {
    const first = await prepareSetupGate({
      db: db(),
      mode: 'token',
      tokenFromEnv: undefined,
      setupUrl,
    });
    const match = first.message?.match(
      /^Open https:\/\/parapet\.example\.com\/setup and enter this setup token: ([0-9a-f]{64})$/,
    );
    expect(match, first.message).not.toBeNull();
    const token = match?.[1] ?? '';
    expect(setupTokenRequired()).toBe(true);
    expect(() => checkSetupToken(token)).not.toThrow();

    const second = await prepareSetupGate({
      db: db(),
      mode: 'token',
      tokenFromEnv: undefined,
      setupUrl,
    });
    expect(second.message).not.toContain(token);
    expect(() => checkSetupToken(token)).toThrow();
  });

  it('takes PARAPET_SETUP_TOKEN as it is, and never prints it', async () => {
    const fromEnv = 'a-token-shared-by-every-replica-0123456789';
    const gate = await prepareSetupGate({
      db: db(),
      mode: 'token',
      tokenFromEnv: fromEnv,
      setupUrl,
    });
    expect(gate.message).toBe(
      'Open https://parapet.example.com/setup and enter the setup token from PARAPET_SETUP_TOKEN.',
    );
    expect(() => checkSetupToken(fromEnv)).not.toThrow();
  });

  it('asks for nothing on a laptop (open)', async () => {
    const gate = await prepareSetupGate({
      db: db(),
      mode: 'open',
      tokenFromEnv: undefined,
      setupUrl,
    });
    expect(gate.message).toBeUndefined();
    expect(setupTokenRequired()).toBe(false);
  });

  it('prints nothing once an owner exists, and lets no token through', async () => {
    await setupOrganization({
      db: db(),
      input: {
        organizationName: 'Acme',
        email: 'owner@example.com',
        password: 'correct horse battery staple',
      },
    });
    const gate = await prepareSetupGate({
      db: db(),
      mode: 'token',
      tokenFromEnv: undefined,
      setupUrl,
    });
    expect(gate.message).toBeUndefined();
    expect(setupTokenRequired()).toBe(true);
  });
});
