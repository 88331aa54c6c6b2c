import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  embeddedSetup as embeddedSetupFor,
  isRoot,
  setEnv as setEnvFor,
  sql,
  useCleanups,
} from './fixtures/runtime-test-helpers';
import { startDatabase } from './start-database';

const cleanups = { push: useCleanups() };
const setEnv = (vars: Record<string, string | undefined>) => setEnvFor(cleanups.push, vars);
const embeddedSetup = () => embeddedSetupFor(cleanups.push);

/** A folder only root may enter, as `mktemp -d` makes it; removed after the test. */
async function closedFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parapet-closed-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  expect((await stat(dir)).mode & 0o777).toBe(0o700);
  return dir;
}

/** A state directory for one test, reachable by the `postgres` user as /var/lib is. */
async function stateFolder(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'parapet-state-test-'));
  await chmod(parent, 0o755);
  cleanups.push(() => rm(parent, { recursive: true, force: true }));
  return join(parent, 'state');
}

describe('the embedded PostgreSQL process', () => {
  it("runs without Parapet's environment, so a superuser cannot read its secrets", async () => {
    const dataDir = await embeddedSetup();
    setEnv({
      PARAPET_MASTER_KEY: 'master-key-canary-6b1f0e'.padEnd(64, '0'),
      AUTH_SECRET: 'auth-secret-canary-3c9d2a'.padEnd(40, '0'),
      PARAPET_SOMETHING_ELSE: 'other-canary-77a1',
    });
    const database = await startDatabase({ dataDir });
    cleanups.push(database.stop);
    await sql(
      database.url,
      "CREATE TABLE server_env (line text); COPY server_env FROM PROGRAM 'env'",
    );
    const rows = await sql<{ line: string }>(database.url, 'SELECT line FROM server_env');
    const environment = rows.map((row) => row.line).join('\n');
    // Positive control: the program ran and its environment was read.
    expect(environment).toContain('LC_CTYPE=C');
    for (const canary of ['master-key-canary', 'auth-secret-canary', 'other-canary']) {
      expect(environment).not.toContain(canary);
    }
  });
});

describe.runIf(isRoot)('as root, from a folder only root may enter', () => {
  it('keeps the cluster under the state directory, says where, and reuses it', async () => {
    await embeddedSetup();
    const checkout = await closedFolder();
    const dataDir = join(checkout, 'parapet', '.parapet');
    const stateDir = await stateFolder();

    const first = await startDatabase({ dataDir, stateDir });
    cleanups.push(first.stop);
    expect(first.clusterDir?.startsWith(join(stateDir, 'clusters'))).toBe(true);
    await sql(first.url, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();

    const second = await startDatabase({ dataDir, stateDir });
    cleanups.push(second.stop);
    expect(second.clusterDir).toBe(first.clusterDir);
    expect(await sql(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);

    // The folder Parapet did not create keeps its mode; the secrets stay in the data folder.
    expect((await stat(checkout)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, 'pg-password'))).mode & 0o777).toBe(0o600);
    await expect(stat(join(dataDir, 'pg'))).rejects.toThrow();
    const home = join(first.clusterDir ?? '', '..');
    expect((await readFile(join(home, 'data-dir'), 'utf8')).trim()).toBe(dataDir);
    expect((await stat(stateDir)).mode & 0o777).toBe(0o711);
  });

  it('refuses a state directory that others may write to', async () => {
    await embeddedSetup();
    const dataDir = join(await closedFolder(), '.parapet');
    const stateDir = await stateFolder();
    await mkdir(stateDir, { mode: 0o777 });
    await chmod(stateDir, 0o777);
    await expect(startDatabase({ dataDir, stateDir })).rejects.toThrow(/only root may write to/);
  });
});
