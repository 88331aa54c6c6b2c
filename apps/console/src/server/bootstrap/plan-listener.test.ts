import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/env';
import { planListener } from './plan-listener';

function plan(source: Record<string, string>) {
  return planListener({
    env: parseEnv(source),
    externalDatabase: source.DATABASE_URL !== undefined,
  });
}

describe('planListener', () => {
  it('serves a laptop on loopback, trusting the Host header there', () => {
    expect(plan({})).toEqual({
      host: '127.0.0.1',
      port: 3000,
      loopback: true,
      publicOrigin: 'http://localhost:3000',
      trustHostByDefault: true,
      trustedProxies: [],
      warnings: [],
    });
  });

  it('serves every interface with DATABASE_URL, at AUTH_URL, without trusting Host', () => {
    expect(
      plan({
        DATABASE_URL: 'postgres://db/parapet',
        AUTH_URL: 'https://parapet.example.com/',
        PORT: '8080',
      }),
    ).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      loopback: false,
      publicOrigin: 'https://parapet.example.com',
      trustHostByDefault: false,
    });
  });

  it.each([
    ['every interface by default with DATABASE_URL', { DATABASE_URL: 'postgres://db/parapet' }],
    ['every interface, asked for', { PARAPET_HOST: '0.0.0.0' }],
    ['a LAN address', { PARAPET_HOST: '192.168.1.20' }],
    ['a reverse proxy in front of loopback', { PARAPET_TRUSTED_PROXIES: '127.0.0.1' }],
  ])('requires AUTH_URL on %s', (_name, source) => {
    expect(() => plan(source)).toThrow(/AUTH_URL is required/);
  });

  it.each([['127.0.0.1'], ['localhost'], ['::1'], ['127.0.0.2']])(
    'counts %s as loopback',
    (host) => {
      expect(plan({ PARAPET_HOST: host })).toMatchObject({
        loopback: true,
        trustHostByDefault: true,
      });
    },
  );

  it('does not trust Host by default when AUTH_URL is set, or when told not to', () => {
    expect(plan({ AUTH_URL: 'http://localhost:3000' }).trustHostByDefault).toBe(false);
    expect(plan({ AUTH_TRUST_HOST: 'false' }).trustHostByDefault).toBe(false);
  });

  it('reads the trusted proxies, and the old PARAPET_TRUST_PROXY as loopback only, with a warning', () => {
    expect(
      plan({ AUTH_URL: 'https://p.example', PARAPET_TRUSTED_PROXIES: '10.0.0.0/8, ::1' })
        .trustedProxies,
    ).toEqual(['10.0.0.0/8', '::1/128']);
    const legacy = plan({ AUTH_URL: 'https://p.example', PARAPET_TRUST_PROXY: 'true' });
    expect(legacy.trustedProxies).toEqual(['127.0.0.0/8', '::1/128']);
    expect(legacy.warnings).toEqual([expect.stringMatching(/PARAPET_TRUSTED_PROXIES/)]);
  });
});
