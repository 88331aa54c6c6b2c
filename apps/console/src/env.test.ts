import { describe, expect, it } from 'vitest';
import { parseEnv, secureCookiesEnabled } from './env';

describe('the console environment', () => {
  it('has defaults for a local start', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, NODE_ENV: 'development' });
    expect(secureCookiesEnabled(env)).toBe(false);
  });

  it.each([
    [{ AUTH_URL: 'https://parapet.example.com' }, true],
    [{ AUTH_URL: 'http://localhost:3000' }, false],
    [{ AUTH_URL: 'https://parapet.example.com', PARAPET_SECURE_COOKIES: 'false' }, false],
    [{ PARAPET_SECURE_COOKIES: 'true' }, true],
  ])('secure cookies for %j: %s', (source, expected) => {
    expect(secureCookiesEnabled(parseEnv(source))).toBe(expected);
  });

  it('reads the trusted proxies as a list of CIDRs, a bare address as one host', () => {
    expect(
      parseEnv({
        PARAPET_TRUSTED_PROXIES: ' 10.0.0.0/8,192.0.2.1  2001:db8::/32,::ffff:198.51.100.0/120',
      }).PARAPET_TRUSTED_PROXIES,
    ).toEqual(['10.0.0.0/8', '192.0.2.1/32', '2001:db8::/32', '198.51.100.0/24']);
    expect(parseEnv({}).PARAPET_TRUSTED_PROXIES).toEqual([]);
  });

  it('runs the edge on 3001 with the default V8 flags unless told otherwise; empty means none', () => {
    expect(parseEnv({}).PARAPET_EDGE_PORT).toBe(3001);
    expect(parseEnv({}).PARAPET_EDGE_V8_FLAGS).toBeUndefined();
    expect(
      parseEnv({ PARAPET_EDGE_V8_FLAGS: ' --optimize-for-size  --max-semi-space-size=4 ' })
        .PARAPET_EDGE_V8_FLAGS,
    ).toEqual(['--optimize-for-size', '--max-semi-space-size=4']);
    expect(parseEnv({ PARAPET_EDGE_V8_FLAGS: '' }).PARAPET_EDGE_V8_FLAGS).toEqual([]);
  });

  it('lets SIEM destinations reach anything but link-local and metadata, plain only to loopback', () => {
    expect(parseEnv({}).exportNetwork).toMatchObject({
      allowedNetworks: null,
      deniedNetworks: [],
      allowInsecure: false,
    });
    const env = parseEnv({
      PARAPET_EXPORT_ALLOWED_NETWORKS: '10.0.0.0/8',
      PARAPET_EXPORT_ALLOW_INSECURE: 'true',
    });
    expect(env.exportNetwork.allowedNetworks?.map((range) => range.text)).toEqual(['10.0.0.0/8']);
    expect(env.exportNetwork.allowInsecure).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ AUTH_SECRET: 'short' }, /AUTH_SECRET/],
    [{ AUTH_URL: 'not a url' }, /AUTH_URL/],
    [{ AUTH_TRUST_HOST: 'maybe' }, /AUTH_TRUST_HOST/],
    [{ PARAPET_TRUSTED_PROXIES: '10.0.0.0/33' }, /PARAPET_TRUSTED_PROXIES.*10\.0\.0\.0\/33/],
    [{ PARAPET_TRUSTED_PROXIES: 'proxy.internal' }, /PARAPET_TRUSTED_PROXIES.*proxy\.internal/],
    [{ PARAPET_SETUP_TOKEN: 'short' }, /PARAPET_SETUP_TOKEN.*32/],
    [{ PARAPET_EDGE_PORT: '70000' }, /PARAPET_EDGE_PORT/],
    [{ PARAPET_EDGE_V8_FLAGS: '--optimize-for-size; rm -rf /' }, /PARAPET_EDGE_V8_FLAGS/],
    [{ PARAPET_EXPORT_ALLOWED_NETWORKS: '10.0.0.0/33' }, /PARAPET_EXPORT_ALLOWED_NETWORKS/],
    [{ PARAPET_EXPORT_ALLOW_INSECURE: 'sometimes' }, /PARAPET_EXPORT_ALLOW_INSECURE/],
  ])('refuses %j with a message naming the variable', (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});
