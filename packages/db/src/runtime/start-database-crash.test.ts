import { type FSWatcher, watch } from 'node:fs';
import { access, chmod, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  embeddedSetup,
  firstLine,
  spawnFixture,
  sql,
  temporaryFolder,
  useCleanups,
} from './fixtures/runtime-test-helpers';
import { startDatabase } from './start-database';

const onCleanup = useCleanups();

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Where initdb has written PG_VERSION so far: in `pg/` itself or in a staging folder. */
async function findPgVersion(dataDir: string): Promise<string | undefined> {
  for (const entry of await readdir(dataDir).catch(() => [])) {
    for (const candidate of [
      join(dataDir, entry, 'PG_VERSION'),
      join(dataDir, entry, 'cluster', 'PG_VERSION'),
    ]) {
      if (await exists(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Records every file created in `dir` (inotify), however briefly it exists. */
function recordCreatedFiles(dir: string): { names: string[]; watcher: FSWatcher } {
  const names: string[] = [];
  const watcher = watch(dir, (_event, name) => {
    if (name && !names.includes(name)) names.push(name);
  });
  onCleanup(() => watcher.close());
  return { names, watcher };
}

/** Files under `dir` that anyone other than their owner may read and that hold `secret`. */
async function readableCopiesOf(dir: string, secret: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir).catch(() => [])) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) found.push(...(await readableCopiesOf(path, secret)));
    if (!info?.isFile() || (info.mode & 0o044) === 0) continue;
    if ((await readFile(path, 'utf8').catch(() => '')).includes(secret)) found.push(path);
  }
  return found;
}

const passwordOf = (dataDir: string) =>
  readFile(join(dataDir, 'pg-password'), 'utf8').then((text) => text.trim());

/**
 * The child's own temporary folder, as open as /tmp (1777): whatever the start writes to
 * `os.tmpdir()` lands here, where this test alone watches it.
 */
async function childTemporaryFolder(): Promise<string> {
  const dir = await temporaryFolder(onCleanup);
  await chmod(dir, 0o1777);
  return dir;
}

describe('a first start killed while initialising', () => {
  it('leaves nothing that blocks the next start, and no password behind', async () => {
    const dataDir = await embeddedSetup(onCleanup);
    const childTmp = await childTemporaryFolder();
    const created = recordCreatedFiles(childTmp);
    const child = spawnFixture({ dataDir, onCleanup, env: { TMPDIR: childTmp }, detached: true });
    let started = false;
    firstLine(child).then(
      () => {
        started = true;
      },
      () => {},
    );
    // The reviewer's reproduction: wait for initdb's first file, then SIGKILL the whole group.
    let pgVersion: string | undefined;
    while (!pgVersion) {
      if (child.exitCode !== null) throw new Error('the fixture exited before initdb started');
      pgVersion = await findPgVersion(dataDir);
      if (!pgVersion) await sleep(2);
    }
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(started).toBe(false);
    // Killed mid-initialisation: what initdb left is in a staging folder, not in `pg`.
    expect((await readdir(dataDir)).filter((name) => name.startsWith('pg.init-'))).toHaveLength(1);
    expect(await exists(join(dataDir, 'pg'))).toBe(false);

    expect(created.names.filter((name) => name.startsWith('pg-password-'))).toEqual([]);
    const password = await passwordOf(dataDir);
    expect(await readableCopiesOf(childTmp, password)).toEqual([]);
    expect(await readableCopiesOf(dataDir, password)).toEqual([]);

    const restarted = await startDatabase({ dataDir });
    onCleanup(restarted.stop);
    expect(await sql(restarted.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    expect((await readdir(dataDir)).filter((name) => name.startsWith('pg.init-'))).toEqual([]);
  });
});

describe('a first start that completes', () => {
  it('never writes the password to the temporary folder', async () => {
    const dataDir = await embeddedSetup(onCleanup);
    const childTmp = await childTemporaryFolder();
    const created = recordCreatedFiles(childTmp);
    const child = spawnFixture({ dataDir, onCleanup, env: { TMPDIR: childTmp }, detached: true });
    const url = await firstLine(child);
    expect(await sql(url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    expect(created.names.filter((name) => name.startsWith('pg-password-'))).toEqual([]);
    const password = await passwordOf(dataDir);
    expect(await readableCopiesOf(childTmp, password)).toEqual([]);
    expect(await readableCopiesOf(dataDir, password)).toEqual([]);
  });
});
