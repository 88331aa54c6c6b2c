import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { activityChainKey } from '../activity/activity-chain-key';
import { clearConfiguredMasterKey, requireMasterKey } from '../master-key/configure-master-key';
import { loadMasterKey } from './load-master-key';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parapet-key-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function setMasterKey(value: string | undefined): void {
  const saved = process.env.PARAPET_MASTER_KEY;
  if (value === undefined) delete process.env.PARAPET_MASTER_KEY;
  else process.env.PARAPET_MASTER_KEY = value;
  cleanups.push(() => {
    if (saved === undefined) delete process.env.PARAPET_MASTER_KEY;
    else process.env.PARAPET_MASTER_KEY = saved;
  });
}

const key = randomBytes(32);

describe('loadMasterKey from PARAPET_MASTER_KEY', () => {
  it.each([
    ['hex', key.toString('hex')],
    ['base64', key.toString('base64')],
    ['base64url', key.toString('base64url')],
    ['base64 with surrounding whitespace', `  ${key.toString('base64')}\n`],
  ])('accepts 32 bytes as %s, embedded or not', async (_name, text) => {
    setMasterKey(text);
    for (const embedded of [true, false]) {
      const loaded = await loadMasterKey({ dataDir: await dataDir(), embedded });
      expect(loaded.source).toBe('env');
      expect(loaded.key.equals(key)).toBe(true);
    }
  });

  it.each([
    ['too short (16 bytes)', randomBytes(16).toString('base64')],
    ['too long (33 bytes, hex)', randomBytes(33).toString('hex')],
    ['not an encoding', 'correct horse battery staple correct horse battery'],
    ['63 hex digits', key.toString('hex').slice(1)],
  ])('rejects a key that is %s, with a clear message', async (_name, text) => {
    setMasterKey(text);
    await expect(loadMasterKey({ dataDir: await dataDir(), embedded: true })).rejects.toMatchObject(
      {
        code: 'MASTER_KEY_INVALID',
        message: expect.stringContaining('32 bytes'),
      },
    );
  });
});

describe('loadMasterKey makes the key available in this process', () => {
  it.each([
    ['from PARAPET_MASTER_KEY', randomBytes(32).toString('base64')],
    ['generated into the data folder (the embedded default)', undefined],
  ])('%s, for the activity chain', async (_name, fromEnv) => {
    cleanups.push(clearConfiguredMasterKey);
    clearConfiguredMasterKey();
    setMasterKey(undefined);
    expect(() => activityChainKey()).toThrow(
      expect.objectContaining({ code: 'MASTER_KEY_MISSING' }),
    );
    setMasterKey(fromEnv);
    const loaded = await loadMasterKey({ dataDir: await dataDir(), embedded: true });
    // The variable is gone afterwards: the key must come from what loadMasterKey configured.
    setMasterKey(undefined);
    expect(requireMasterKey({ purpose: 'a test' }).equals(loaded.key)).toBe(true);
    expect(activityChainKey()).toHaveLength(32);
  });
});

describe('loadMasterKey without PARAPET_MASTER_KEY', () => {
  it('generates a key into the data folder on the embedded default, 0600, and reuses it', async () => {
    setMasterKey(undefined);
    const dir = await dataDir();
    const first = await loadMasterKey({ dataDir: dir, embedded: true });
    expect(first.source).toBe('generated');
    expect(first.key).toHaveLength(32);
    expect((await stat(join(dir, 'master.key'))).mode & 0o777).toBe(0o600);
    const second = await loadMasterKey({ dataDir: dir, embedded: true });
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('requires the variable when the database is not the embedded default', async () => {
    setMasterKey(undefined);
    const dir = await dataDir();
    await expect(loadMasterKey({ dataDir: dir, embedded: false })).rejects.toMatchObject({
      code: 'MASTER_KEY_MISSING',
      message: expect.stringContaining('PARAPET_MASTER_KEY'),
    });
    await expect(stat(join(dir, 'master.key'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a damaged key file rather than replacing it', async () => {
    setMasterKey(undefined);
    const dir = await dataDir();
    await writeFile(join(dir, 'master.key'), 'not a key\n', { mode: 0o600 });
    await expect(loadMasterKey({ dataDir: dir, embedded: true })).rejects.toMatchObject({
      code: 'MASTER_KEY_INVALID',
    });
  });
});
