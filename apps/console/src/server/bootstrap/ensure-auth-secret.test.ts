import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureAuthSecret } from './ensure-auth-secret';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'parapet-secret-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('ensureAuthSecret', () => {
  it('generates a secret into auth.secret (0600) on the embedded default, then reuses it', async () => {
    const first = await ensureAuthSecret({ fromEnv: undefined, dataDir, embedded: true });
    expect(first.source).toBe('generated');
    expect(first.value.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, 'auth.secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.value);
    const second = await ensureAuthSecret({ fromEnv: undefined, dataDir, embedded: true });
    expect(second).toEqual({ value: first.value, source: 'file' });
  });

  it('tightens an existing auth.secret that someone made readable to others back to 0600', async () => {
    const file = join(dataDir, 'auth.secret');
    const value = 's'.repeat(43);
    await writeFile(file, `${value}\n`, { mode: 0o644 });
    await chmod(file, 0o644);
    expect(await ensureAuthSecret({ fromEnv: undefined, dataDir, embedded: true })).toEqual({
      value,
      source: 'file',
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('prefers AUTH_SECRET and writes nothing', async () => {
    const secret = 'x'.repeat(40);
    expect(await ensureAuthSecret({ fromEnv: secret, dataDir, embedded: true })).toEqual({
      value: secret,
      source: 'env',
    });
    await expect(stat(join(dataDir, 'auth.secret'))).rejects.toThrow();
  });

  it('requires AUTH_SECRET with an external database', async () => {
    await expect(
      ensureAuthSecret({ fromEnv: undefined, dataDir, embedded: false }),
    ).rejects.toThrow(/AUTH_SECRET is required/);
  });
});
