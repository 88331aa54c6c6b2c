import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SeededOrg, seedOrg } from '@parapet/accounts/testing';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { type EdgeServer, startEdgeServer } from '@parapet/edge';
import { decideDeviceLogin } from '@parapet/identity/device-login';
import { seedSsoPersonSession } from '@parapet/identity/device-login/testing';
import { publishPolicy, savePolicyDraft } from '@parapet/policy-admin';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventStream } from '../testing/event-stream';
import { runAgent } from '../testing/run-agent';

// `parapet-agent login` against the real edge and Postgres: the person approves (or denies)
// through the same domain function the console's people page calls, while the command polls.

const issuer = 'https://parapet.login.test';
let database: TestDatabase;
let org: SeededOrg;
let edge: EdgeServer;
let stateDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  org = await seedOrg({ prisma: database.prisma });
  edge = await startEdgeServer({
    host: '127.0.0.1',
    port: 0,
    databaseUrl: database.databaseUrl,
    prisma: database.prisma,
    issuer,
    logger: false,
    deviceLogin: { consoleUrl: 'https://console.login.test', intervalSeconds: 1 },
  });
  stateDir = join(await mkdtemp(join(tmpdir(), 'parapet-agent-login-')), 'state');
});

afterEach(async () => {
  await edge.close();
  await database.drop();
  await rm(join(stateDir, '..'), { recursive: true, force: true });
});

type CodeEvent = { event: 'code'; userCode: string; verificationUri: string };

function startLogin(signal?: AbortSignal) {
  const stream = new EventStream();
  const running = runAgent(['login', '--server', edge.url, '--state', stateDir], {
    onStdout: stream.write,
    ...(signal ? { signal } : {}),
  });
  const code = stream.next(
    (event) => event.event === 'code',
  ) as Promise<unknown> as Promise<CodeEvent>;
  return { running, code };
}

async function decide(userCode: string, decision: 'approve' | 'deny', groups: string[] = []) {
  const person = await seedSsoPersonSession({ prisma: database.prisma, orgId: org.orgId, groups });
  await decideDeviceLogin({
    db: database.prisma,
    sessionToken: person.sessionToken,
    input: { userCode, decision },
  });
  return person;
}

describe('parapet-agent login', () => {
  it('prints the code and page, waits for approval, enrolls as the person, and pulls their bundle', async () => {
    const actor = org.owner.actor;
    await savePolicyDraft({
      db: database.prisma,
      actor,
      input: {
        layer: 'group:eng',
        source:
          'network:\n  rules:\n    - id: npm\n      action: allow\n      hosts: [registry.npmjs.org]\n',
      },
    });
    await publishPolicy({ db: database.prisma, actor, input: { message: 'login test' } });
    const { running, code } = startLogin();
    const shown = await code;
    expect(shown.verificationUri).toBe('https://console.login.test/device');
    expect(shown.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    const person = await decide(shown.userCode, 'approve', ['eng']);
    const login = await running;
    expect(login.stderr).toContain(shown.userCode);
    expect(login.code, login.stderr).toBe(0);
    const enrolled = login.lines().find((line) => line.event === 'enrolled');
    expect(enrolled).toMatchObject({ org: org.orgId, issuer, server: edge.url, keySetVersion: 1 });
    const device = await database.prisma.device.findUniqueOrThrow({
      where: { id: String(enrolled?.device) },
    });
    expect(device.personId).toBe(person.personId);

    const pulled = await runAgent(['pull', '--state', stateDir]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const status = await runAgent(['status', '--state', stateDir]);
    expect(status.json()).toMatchObject({ active: { groups: ['eng'] } });
  });

  it('ends with exit 4 and says so when the person denies, saving nothing', async () => {
    const { running, code } = startLogin();
    await decide((await code).userCode, 'deny');
    const login = await running;
    expect(login.code).toBe(4);
    expect(login.stderr).toContain('the login was denied');
    expect(await readdir(stateDir)).toEqual([]);
  });

  it('ends with exit 4 when the code expires before anyone approves', async () => {
    const shortLived = await startEdgeServer({
      host: '127.0.0.1',
      port: 0,
      databaseUrl: database.databaseUrl,
      prisma: database.prisma,
      issuer,
      logger: false,
      deviceLogin: { lifetimeSeconds: 2, intervalSeconds: 1 },
    });
    try {
      const login = await runAgent(['login', '--server', shortLived.url, '--state', stateDir]);
      expect(login.code).toBe(4);
      expect(login.stderr).toContain('the code expired before anyone approved it');
      expect(await readdir(stateDir)).toEqual([]);
    } finally {
      await shortLived.close();
    }
  });

  it('stops when interrupted', async () => {
    const controller = new AbortController();
    const { running, code } = startLogin(controller.signal);
    await code;
    controller.abort();
    const login = await running;
    expect(login.code).toBe(130);
    expect(login.stderr).toContain('interrupted');
  });
});
