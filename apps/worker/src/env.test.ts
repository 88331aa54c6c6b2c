import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const required = { DATABASE_URL: 'postgres://localhost/parapet', PARAPET_MASTER_KEY: 'key' };

describe('parseEnv', () => {
  it('has defaults for everything but the database and the master key', () => {
    expect(parseEnv(required)).toMatchObject({
      PARAPET_WORKER_PORT: 3002,
      PARAPET_WORKER_HOST: '127.0.0.1',
      PARAPET_WORKER_CONCURRENCY: 4,
      PARAPET_EXPORT_BATCH_SIZE: 1_000,
      PARAPET_EXPORT_FLUSH_MS: 1_000,
      PARAPET_EXPORT_FAILING_AFTER_SECONDS: 300,
      PARAPET_EXPORT_TIMEOUT_SECONDS: 15,
      PARAPET_EXPORT_RETRY_MAX_SECONDS: 60,
      PARAPET_EXPORT_LEASE_SECONDS: 60,
      PARAPET_EVENT_RETENTION_DAYS: 90,
      PARAPET_WORKER_LOG_LEVEL: 'info',
    });
    expect(parseEnv(required).PARAPET_WORKER_ID).toMatch(/-\d+$/);
  });

  it('treats blank values as unset', () => {
    expect(
      parseEnv({ ...required, PARAPET_WORKER_PORT: ' ', PARAPET_WORKER_ID: '' })
        .PARAPET_WORKER_PORT,
    ).toBe(3002);
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL is required'],
    [{ DATABASE_URL: 'mysql://x' }, 'postgres://'],
    [{ PARAPET_MASTER_KEY: undefined }, 'PARAPET_MASTER_KEY is required'],
    [{ PARAPET_WORKER_PORT: '70000' }, 'PARAPET_WORKER_PORT must be at most 65535'],
    [{ PARAPET_EXPORT_BATCH_SIZE: '0' }, 'PARAPET_EXPORT_BATCH_SIZE must be at least 1'],
    [{ PARAPET_EXPORT_BATCH_SIZE: '1e3' }, 'PARAPET_EXPORT_BATCH_SIZE must be a whole number'],
    [{ PARAPET_WORKER_ID: 'has space' }, 'PARAPET_WORKER_ID'],
    [{ PARAPET_EXPORT_TIMEOUT_SECONDS: '40' }, 'at least twice PARAPET_EXPORT_TIMEOUT_SECONDS'],
    [{ PARAPET_WORKER_LOG_LEVEL: 'trace' }, 'PARAPET_WORKER_LOG_LEVEL'],
  ])('refuses %o naming the variable', (change, message) => {
    expect(() => parseEnv({ ...required, ...change })).toThrow(message);
  });
});
