import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceptInvite } from '@parapet/accounts';
import { createPrismaClient, parseDbEnv } from '@parapet/db';
import { migrate } from '@parapet/db/migrate';
import { loadMasterKey, type StartedDatabase, startDatabase } from '@parapet/db/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `pnpm parapet org …` as an operator runs it: a child process against an installation that
// `pnpm start` made (a real embedded Postgres in a data folder of its own), running or not.
const consoleDir = fileURLToPath(new URL('..', import.meta.url));
const consoleUrl = 'https://parapet.example.test';
let dataDir: string;
let port: number;
let database: StartedDatabase | undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** What `pnpm start` leaves in a data folder: the cluster, its password, the master key. */
async function startInstallation(): Promise<StartedDatabase> {
  const env = { ...parseDbEnv({ NODE_ENV: 'test' }), PARAPET_DB_PORT: port };
  const started = await startDatabase({ dataDir, env });
  await migrate({ databaseUrl: started.url });
  await loadMasterKey({ dataDir, embedded: true });
  return started;
}

function parapet(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/parapet-cli.ts', ...args], {
    cwd: consoleDir,
    // Only what the test gives, so the test run's own DATABASE_URL cannot leak in.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PARAPET_DATA_DIR: dataDir,
      PARAPET_DB_PORT: String(port),
      AUTH_URL: consoleUrl,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'parapet-cli-'));
  // As root, Postgres runs as the `postgres` user, which must be able to reach its folder.
  await chmod(dataDir, 0o711);
  port = await freePort();
  database = await startInstallation();
});

afterAll(async () => {
  await database?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('pnpm parapet org create', () => {
  it('creates a provisioned organization and prints its owner’s one-time invite link', async () => {
    const { code, stdout, stderr } = await parapet([
      'org',
      'create',
      '--name',
      'Globex',
      '--owner',
      'Hank@Globex.test',
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const link = stdout.match(/^https:\/\/parapet\.example\.test\/invite\/([A-Za-z0-9_-]{43})$/m);
    expect(link, stdout).not.toBeNull();

    const db = createPrismaClient({ databaseUrl: database?.url ?? '' });
    try {
      const organization = await db.organization.findFirstOrThrow({ where: { name: 'Globex' } });
      expect(await db.signingKey.count({ where: { orgId: organization.id } })).toBe(1);
      const accepted = await acceptInvite({
        db,
        input: { token: link?.[1] ?? '', name: 'Hank', password: 'a long enough passphrase' },
      });
      expect(accepted).toMatchObject({ orgId: organization.id, role: 'owner' });
    } finally {
      await db.$disconnect();
    }
  });

  it('refuses bad input with the reason and a non-zero exit, creating nothing', async () => {
    const badEmail = await parapet(['org', 'create', '--name', 'Initech', '--owner', 'nope']);
    expect(badEmail.code).toBe(1);
    expect(badEmail.stderr).toMatch(/--owner: .*email/i);
    expect(badEmail.stderr).not.toMatch(/^\s+at /m);
    const missing = await parapet(['org', 'create', '--name', 'Initech']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('org create needs --name and --owner');
    const unknown = await parapet(['org', 'delete']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage:');
    const list = await parapet(['org', 'list']);
    expect(list.stdout).not.toContain('Initech');
  });

  it('starts the embedded database for the command when pnpm start is not running', async () => {
    await database?.stop();
    database = undefined;
    const { code, stdout, stderr } = await parapet(['org', 'list']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/ Globex {2}\(1 member; owners: hank@globex\.test\)/);
    // It stopped what it started: the installation can start again as usual.
    database = await startInstallation();
  });

  it('says to run pnpm start first where there is no installation', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'parapet-cli-empty-'));
    try {
      const { code, stderr } = await parapet(['org', 'list'], { PARAPET_DATA_DIR: empty });
      expect(code).toBe(1);
      expect(stderr).toContain('run `pnpm start` once first');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
