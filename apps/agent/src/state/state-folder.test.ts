import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentError } from '../agent-error';
import { writeFileAtomic } from './atomic-write';
import { defaultStateDir } from './default-state-dir';
import { assertPrivate, ensureStateFolder, statePath, withStateLock } from './state-folder';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const posix = process.platform !== 'win32';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'parapet-agent-state-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the file private to the user, whatever the umask allowed', async () => {
    const path = join(root, 'a.json');
    await writeFileAtomic(path, 'one');
    expect(await readFile(path, 'utf8')).toBe('one');
    if (posix) expect(await modeOf(path)).toBe(0o600);
  });

  it('replaces a file that others could read with a private one', async () => {
    const path = join(root, 'a.json');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    if (posix) expect(await modeOf(path)).toBe(0o600);
  });

  it('leaves no temporary file behind', async () => {
    for (let round = 0; round < 5; round++)
      await writeFileAtomic(join(root, 'a.json'), `v${round}`);
    expect(await readdir(root)).toEqual(['a.json']);
  });

  it('never shows a reader a mix of old and new bytes', async () => {
    const path = join(root, 'big.json');
    const versions = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(2 * 1024 * 1024));
    await writeFileAtomic(path, versions[0] ?? '');
    let writing = true;
    const reads: string[] = [];
    const reader = (async () => {
      while (writing) reads.push(await readFile(path, 'utf8'));
    })();
    for (const version of versions.slice(1)) await writeFileAtomic(path, version);
    writing = false;
    await reader;
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(versions).toContain(read);
  });

  it('keeps the old file when the write fails, and cleans up', async () => {
    const path = join(root, 'target');
    await mkdir(path);
    await writeFile(join(path, 'inside'), 'x');
    // Renaming a file over a non-empty directory fails after the temporary file is written.
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow();
    expect(await readdir(root)).toEqual(['target']);
    expect(await readFile(join(path, 'inside'), 'utf8')).toBe('x');
  });
});

describe('the state folder', () => {
  it.runIf(posix)('is created 0700, and narrowed to 0700 when it exists wider', async () => {
    const fresh = join(root, 'deep', 'state');
    await ensureStateFolder(fresh);
    expect(await modeOf(fresh)).toBe(0o700);
    const wide = join(root, 'wide');
    await mkdir(wide, { mode: 0o755 });
    await chmod(wide, 0o755);
    await ensureStateFolder(wide);
    expect(await modeOf(wide)).toBe(0o700);
  });

  it.runIf(posix)('refuses a device key other users can read, as ssh does', async () => {
    const key = join(root, 'device-key.json');
    await writeFile(key, '{}', { mode: 0o600 });
    await expect(assertPrivate(key)).resolves.toBeUndefined();
    await chmod(key, 0o640);
    const refused = await assertPrivate(key).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AgentError);
    expect(refused).toMatchObject({ code: 'STATE_INSECURE' });
    expect((refused as Error).message).toContain('chmod 600');
  });

  it('runs locked work one at a time', async () => {
    let inside = 0;
    let overlapped = false;
    const work = async () => {
      inside += 1;
      if (inside > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside -= 1;
    };
    await Promise.all(Array.from({ length: 6 }, () => withStateLock(root, work)));
    expect(overlapped).toBe(false);
    expect(await readdir(root)).toEqual([]);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    // PIDs are at most 2^22 on Linux; this one cannot be running.
    await writeFile(statePath(root, 'lock'), '999999999');
    await expect(withStateLock(root, async () => 'done')).resolves.toBe('done');
  });

  it('takes over an unreadable (empty) lock once it is a few seconds old, and never leaves one', async () => {
    const lock = statePath(root, 'lock');
    await writeFile(lock, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    await expect(withStateLock(root, async () => readFile(lock, 'utf8'))).resolves.toBe(
      String(process.pid),
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('releases the lock when the work throws', async () => {
    await expect(
      withStateLock(root, async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(withStateLock(root, async () => 'again')).resolves.toBe('again');
  });
});

describe('the default state folder per OS', () => {
  const facts = {
    home: '/home/ana',
    uid: 1000,
    xdgStateHome: undefined,
    localAppData: undefined,
  };
  const rows: [string, Parameters<typeof defaultStateDir>[0], string][] = [
    ['Linux', { ...facts, platform: 'linux' }, '/home/ana/.local/state/parapet-agent'],
    [
      'Linux, XDG_STATE_HOME',
      { ...facts, platform: 'linux', xdgStateHome: '/x/state' },
      '/x/state/parapet-agent',
    ],
    [
      'Linux, relative XDG_STATE_HOME (ignored, per the spec)',
      { ...facts, platform: 'linux', xdgStateHome: 'rel' },
      '/home/ana/.local/state/parapet-agent',
    ],
    [
      'Linux, root',
      { ...facts, platform: 'linux', uid: 0, xdgStateHome: '/x' },
      '/var/lib/parapet-agent',
    ],
    [
      'FreeBSD (as Linux)',
      { ...facts, platform: 'freebsd' },
      '/home/ana/.local/state/parapet-agent',
    ],
    [
      'macOS',
      { ...facts, platform: 'darwin' },
      '/home/ana/Library/Application Support/Parapet/agent',
    ],
    [
      'Windows',
      {
        ...facts,
        platform: 'win32',
        home: 'C:\\Users\\ana',
        uid: undefined,
        localAppData: 'C:\\Users\\ana\\AppData\\Local',
      },
      'C:\\Users\\ana\\AppData\\Local\\Parapet\\agent',
    ],
    [
      'Windows without LOCALAPPDATA',
      { ...facts, platform: 'win32', home: 'C:\\Users\\ana', uid: undefined },
      'C:\\Users\\ana\\AppData\\Local\\Parapet\\agent',
    ],
  ];
  it.each(rows)('%s', (_name, input, expected) => {
    expect(defaultStateDir(input)).toBe(expected);
  });
});
