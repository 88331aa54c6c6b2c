import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../testing/create-test-database';
import {
  embeddedSetup as embeddedSetupFor,
  firstLine,
  postgresUserIds,
  setEnv as setEnvFor,
  spawnFixture as spawnFixtureFor,
  sql,
  useCleanups,
} from './fixtures/runtime-test-helpers';
import { inspectPostmaster, isAlive } from './inspect-postmaster';
import { startDatabase } from './start-database';

const cleanups = { push: useCleanups() };
const setEnv = (vars: Record<string, string | undefined>) => setEnvFor(cleanups.push, vars);
const embeddedSetup = () => embeddedSetupFor(cleanups.push);
const spawnFixture = ({ dataDir }: { dataDir: string }) =>
  spawnFixtureFor({ dataDir, onCleanup: cleanups.push });

describe('startDatabase on the embedded default', () => {
  it('initialises once, then reuses the data and the password on the next start', async () => {
    const dataDir = await embeddedSetup();
    const first = await startDatabase({ dataDir });
    cleanups.push(first.stop);
    expect(first.embedded).toBe(true);
    await sql(first.url, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$still here$$)');
    const initialisedAt = (await stat(join(dataDir, 'pg', 'PG_VERSION'))).mtimeMs;
    expect((await stat(join(dataDir, 'pg-password'))).mode & 0o777).toBe(0o600);
    await first.stop();
    expect(await inspectPostmaster({ clusterDir: join(dataDir, 'pg') })).toEqual({ kind: 'none' });

    const second = await startDatabase({ dataDir });
    cleanups.push(second.stop);
    expect(second.url).toBe(first.url);
    expect(await sql(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    expect((await stat(join(dataDir, 'pg', 'PG_VERSION'))).mtimeMs).toBe(initialisedAt);
  });

  it('recovers after the process that started it was killed (orphaned Postgres)', async () => {
    const dataDir = await embeddedSetup();
    const child = spawnFixture({ dataDir });
    const url = await firstLine(child);
    await sql(url, 'CREATE TABLE survived (id int); INSERT INTO survived VALUES (1)');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const orphan = await inspectPostmaster({ clusterDir: join(dataDir, 'pg') });
    expect(orphan.kind).toBe('running');

    const restarted = await startDatabase({ dataDir });
    cleanups.push(restarted.stop);
    expect(await sql(restarted.url, 'SELECT id FROM survived')).toEqual([{ id: 1 }]);
    if (orphan.kind === 'running') expect(isAlive(orphan.pid)).toBe(false);
  });

  it('starts despite a stale postmaster.pid naming a live, unrelated process', async () => {
    const dataDir = await embeddedSetup();
    const first = await startDatabase({ dataDir });
    await first.stop();
    // A process Postgres itself would take for a running postmaster: alive, and (when we are
    // root) owned by the same `postgres` user, as after a reboot that reused the PID.
    const impostor = spawn('sleep', ['60'], postgresUserIds());
    cleanups.push(() => void impostor.kill());
    await writeFile(
      join(dataDir, 'pg', 'postmaster.pid'),
      `${impostor.pid}\n${join(dataDir, 'pg')}\n`,
    );
    const second = await startDatabase({ dataDir });
    cleanups.push(second.stop);
    expect(await sql(second.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('refuses a second start while this process still runs the cluster', async () => {
    const dataDir = await embeddedSetup();
    const first = await startDatabase({ dataDir });
    cleanups.push(first.stop);
    await expect(startDatabase({ dataDir })).rejects.toMatchObject({ code: 'EMBEDDED_IN_USE' });
  });

  it('explains a port that is already taken', async () => {
    const dataDir = await embeddedSetup();
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    setEnv({ PARAPET_DB_PORT: String(port) });
    await expect(startDatabase({ dataDir })).rejects.toMatchObject({
      code: 'EMBEDDED_START_FAILED',
      message: expect.stringContaining('PARAPET_DB_PORT'),
    });
  });

  it.each([['0'], ['70000'], ['abc']])('rejects PARAPET_DB_PORT=%s', async (port) => {
    const dataDir = await embeddedSetup();
    setEnv({ PARAPET_DB_PORT: port });
    await expect(startDatabase({ dataDir })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

describe('startDatabase with DATABASE_URL', () => {
  it('uses the given server and starts nothing', async () => {
    const server = await createEmptyDatabase();
    cleanups.push(server.drop);
    const dataDir = await mkdtemp(join(tmpdir(), 'parapet-runtime-test-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    setEnv({ DATABASE_URL: server.databaseUrl });
    const database = await startDatabase({ dataDir });
    expect(database).toMatchObject({ url: server.databaseUrl, embedded: false });
    await database.stop();
    await expect(stat(join(dataDir, 'pg'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects a DATABASE_URL that is not a Postgres URL', async () => {
    setEnv({ DATABASE_URL: 'mysql://localhost/parapet' });
    await expect(startDatabase({ dataDir: tmpdir() })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
