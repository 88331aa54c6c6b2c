import { afterEach, describe, expect, it } from 'vitest';
import {
  checkSetupToken,
  clearSetupGate,
  configureSetupGate,
  setupTokenRequired,
} from './setup-gate';
import { setupGateMode } from './setup-gate-mode';

const token = '6f1c0b7e9a2d4c58b3e7f0a1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f';

afterEach(() => {
  clearSetupGate();
});

function refusal(candidate: unknown) {
  try {
    checkSetupToken(candidate);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the setup gate', () => {
  it('lets setup through without a token when open (loopback, embedded)', () => {
    configureSetupGate({ mode: 'open' });
    expect(setupTokenRequired()).toBe(false);
    expect(refusal(undefined)).toBeUndefined();
  });

  it('takes only the exact token, and keeps only its hash in the process', () => {
    configureSetupGate({ mode: 'token', token });
    expect(setupTokenRequired()).toBe(true);
    expect(refusal(token)).toBeUndefined();
    expect(refusal(` ${token}\n`)).toBeUndefined();
    expect(refusal(undefined)).toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: { setupToken: [expect.stringMatching(/setup token/)] },
    });
    expect(refusal('')).toMatchObject({ code: 'INVALID_INPUT' });
    expect(refusal(42)).toMatchObject({ code: 'INVALID_INPUT' });
    for (const wrong of [token.slice(0, -1), `${token}0`, token.toUpperCase(), 'guess']) {
      expect(refusal(wrong)).toMatchObject({
        code: 'FORBIDDEN',
        fieldErrors: { setupToken: [expect.stringMatching(/not the setup token/)] },
      });
    }
    const stored = (globalThis as Record<symbol, unknown>)[Symbol.for('parapet.console.setupGate')];
    expect(stored).toMatchObject({ mode: 'token', tokenHash: expect.any(Buffer) });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(Buffer.from(token).toString('hex'));
  });

  it('is closed when nothing configured it: no token can match', () => {
    expect(setupTokenRequired()).toBe(true);
    expect(refusal(token)).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('setupGateMode', () => {
  type Given = {
    host: string;
    embedded?: boolean;
    trustedProxies?: number;
    tokenFromEnv?: boolean;
  };
  it.each<[string, Given, string]>([
    ['a laptop: loopback, embedded database', { host: '127.0.0.1' }, 'open'],
    ['loopback by name', { host: 'localhost' }, 'open'],
    ['IPv6 loopback', { host: '::1' }, 'open'],
    ['every interface', { host: '0.0.0.0' }, 'token'],
    ['every IPv6 interface', { host: '::' }, 'token'],
    ['a LAN address', { host: '192.168.1.20' }, 'token'],
    ['a server database, even on loopback', { host: '127.0.0.1', embedded: false }, 'token'],
    ['a proxy in front of loopback', { host: '127.0.0.1', trustedProxies: 1 }, 'token'],
    ['a token given in the environment', { host: '127.0.0.1', tokenFromEnv: true }, 'token'],
  ])('%s: %s', (_name, given, expected) => {
    expect(
      setupGateMode({
        host: given.host,
        embedded: given.embedded ?? true,
        trustedProxyCount: given.trustedProxies ?? 0,
        tokenFromEnv: given.tokenFromEnv ?? false,
      }),
    ).toBe(expected);
  });
});
