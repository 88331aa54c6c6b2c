import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const required = {
  DATABASE_URL: 'postgres://edge@db.internal/parapet',
  PARAPET_PUBLIC_URL: 'https://parapet.example.com',
  PARAPET_MASTER_KEY: 'A'.repeat(43),
};

describe('parseEnv', () => {
  it('fills the defaults', () => {
    expect(parseEnv(required)).toMatchObject({
      PARAPET_EDGE_PORT: 3001,
      PARAPET_EDGE_HOST: '127.0.0.1',
      PARAPET_BUNDLE_TTL_SECONDS: 86_400,
      PARAPET_EDGE_MAX_WAIT_SECONDS: 60,
      PARAPET_EDGE_ENROLL_PER_MINUTE: 30,
      PARAPET_EDGE_AUTH_PER_MINUTE: 120,
      PARAPET_EDGE_LOG_LEVEL: 'info',
      PARAPET_EDGE_EVENTS_MAX_BYTES: 4 * 1024 * 1024,
      PARAPET_EDGE_EVENTS_MAX_COUNT: 5_000,
      PARAPET_EVENT_RETENTION_DAYS: 90,
    });
  });

  it('reads the values given, blanks as unset', () => {
    const env = parseEnv({
      ...required,
      PARAPET_EDGE_PORT: '8443',
      PARAPET_EDGE_HOST: ' 0.0.0.0 ',
      PARAPET_EDGE_MAX_WAIT_SECONDS: '',
      PARAPET_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.2',
      PARAPET_EDGE_LOG_REQUESTS: 'true',
      PARAPET_EDGE_EVENTS_MAX_BYTES: '1048576',
      PARAPET_EDGE_EVENTS_MAX_COUNT: '1000',
    });
    expect(env).toMatchObject({
      PARAPET_EDGE_PORT: 8443,
      PARAPET_EDGE_HOST: '0.0.0.0',
      PARAPET_EDGE_MAX_WAIT_SECONDS: 60,
      PARAPET_TRUSTED_PROXIES: ['10.0.0.0/8', '192.168.1.2'],
      PARAPET_EDGE_LOG_REQUESTS: true,
      PARAPET_EDGE_EVENTS_MAX_BYTES: 1_048_576,
      PARAPET_EDGE_EVENTS_MAX_COUNT: 1000,
    });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['no database', { DATABASE_URL: '' }, /DATABASE_URL is required/],
    ['a database that is not Postgres', { DATABASE_URL: 'mysql://x' }, /postgres:\/\//],
    ['no public URL', { PARAPET_PUBLIC_URL: '' }, /PARAPET_PUBLIC_URL is required/],
    ['no master key', { PARAPET_MASTER_KEY: '' }, /PARAPET_MASTER_KEY is required/],
    ['a port that is not a number', { PARAPET_EDGE_PORT: '80a' }, /PARAPET_EDGE_PORT/],
    ['a TTL too short to re-sign in time', { PARAPET_BUNDLE_TTL_SECONDS: '10' }, /at least 120/],
    ['a wait cap over 5 minutes', { PARAPET_EDGE_MAX_WAIT_SECONDS: '301' }, /at most 300/],
    ['no room for events', { PARAPET_EDGE_EVENTS_MAX_COUNT: '0' }, /at least 1/],
    ['an event body under 1 KiB', { PARAPET_EDGE_EVENTS_MAX_BYTES: '100' }, /at least 1024/],
  ])('refuses %s', (_name, overrides, message) => {
    expect(() => parseEnv({ ...required, ...overrides })).toThrow(message);
  });
});
