import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  embeddedSetup,
  isRoot,
  setEnv,
  sql,
  temporaryFolder,
  useCleanups,
} from './fixtures/runtime-test-helpers';
import { startDatabase } from './start-database';
import { findFreePort } from './start-temporary-postgres';

const onCleanup = useCleanups();

/** Every path under `dir` with its contents, to prove nothing was changed or removed. */
async function contentsOf(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const info = await stat(path);
    if (info.isDirectory()) Object.assign(result, await contentsOf(path));
    else result[path] = await readFile(path, 'utf8');
  }
  return result;
}

describe('startDatabase only deletes or re-permissions what Parapet created', () => {
  it.each([
    ['a folder of someone else’s files', { 'notes.txt': 'mine' }],
    [
      'an unmarked, half-initialised cluster (left by an interrupted start of an older version)',
      { PG_VERSION: '18\n', 'base/1/123': 'x' },
    ],
    [
      'a complete-looking cluster without Parapet’s password file',
      { PG_VERSION: '18\n', 'global/pg_control': 'x' },
    ],
  ])('refuses <dataDir>/pg holding %s, and leaves it as it was', async (_name, files) => {
    const dataDir = await embeddedSetup(onCleanup);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dataDir, 'pg', path, '..'), { recursive: true });
      await writeFile(join(dataDir, 'pg', path), content);
    }
    const before = await contentsOf(join(dataDir, 'pg'));
    await expect(startDatabase({ dataDir })).rejects.toMatchObject({
      code: 'EMBEDDED_DATA_FOREIGN',
      message: expect.stringContaining('PARAPET_DATA_DIR'),
    });
    expect(await contentsOf(join(dataDir, 'pg'))).toEqual(before);
  });

  it.runIf(isRoot)(
    'leaves the permissions of a data folder that holds anything alone, and keeps the cluster elsewhere',
    async () => {
      // A home folder: 0700, with files that 0711 would expose to anyone who knows their names.
      const dataDir = await temporaryFolder(onCleanup);
      const stateDir = join(await temporaryFolder(onCleanup), 'state');
      await chmod(join(stateDir, '..'), 0o755);
      setEnv(onCleanup, { DATABASE_URL: undefined, PARAPET_DB_PORT: String(await findFreePort()) });
      await writeFile(join(dataDir, '.bashrc'), 'mine', { mode: 0o644 });
      await chmod(dataDir, 0o700);
      const database = await startDatabase({ dataDir, stateDir });
      onCleanup(database.stop);
      expect(database.clusterDir?.startsWith(stateDir)).toBe(true);
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      expect((await readdir(dataDir)).sort()).toEqual(['.bashrc', 'pg-password']);
    },
  );

  it.runIf(isRoot)('opens an empty data folder made for it (mktemp -d)', async () => {
    const dataDir = await embeddedSetup(onCleanup);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const database = await startDatabase({ dataDir });
    onCleanup(database.stop);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o711);
  });

  it.runIf(isRoot)('makes a data folder it creates itself reachable for Postgres', async () => {
    const parent = await embeddedSetup(onCleanup);
    await chmod(parent, 0o711);
    const dataDir = join(parent, 'new', 'data');
    const database = await startDatabase({ dataDir });
    onCleanup(database.stop);
    expect((await stat(join(parent, 'new'))).mode & 0o777).toBe(0o711);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o711);
  });

  it('removes its own stale staging folders, and nothing that only looks like one', async () => {
    const dataDir = await embeddedSetup(onCleanup);
    const first = await startDatabase({ dataDir });
    await first.stop();
    // A staging folder whose initialising process is gone (this PID cannot exist on Linux).
    await mkdir(join(dataDir, 'pg.init-dead01', 'cluster'), { recursive: true });
    await writeFile(join(dataDir, 'pg.init-dead01', 'parapet-staging'), '4194305\n');
    await mkdir(join(dataDir, 'pg.init-mine'));
    await writeFile(join(dataDir, 'pg.init-mine', 'notes.txt'), 'mine');
    const second = await startDatabase({ dataDir });
    onCleanup(second.stop);
    expect((await readdir(dataDir)).filter((name) => name.startsWith('pg.init-'))).toEqual([
      'pg.init-mine',
    ]);
    expect(await readFile(join(dataDir, 'pg.init-mine', 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('adopts a cluster initialised before clusters were marked (its password file beside it)', async () => {
    const dataDir = await embeddedSetup(onCleanup);
    const first = await startDatabase({ dataDir });
    await sql(first.url, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)');
    await first.stop();
    await rm(join(dataDir, 'pg', 'parapet-cluster'));
    const second = await startDatabase({ dataDir });
    onCleanup(second.stop);
    expect(await sql(second.url, 'SELECT id FROM kept')).toEqual([{ id: 1 }]);
    expect(await readFile(join(dataDir, 'pg', 'parapet-cluster'), 'utf8')).toContain('Parapet');
  });
});
