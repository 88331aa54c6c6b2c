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

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ AUTH_SECRET: 'short' }, /AUTH_SECRET/],
    [{ AUTH_URL: 'not a url' }, /AUTH_URL/],
    [{ AUTH_TRUST_HOST: 'maybe' }, /AUTH_TRUST_HOST/],
  ])('refuses %j with a message naming the variable', (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});
