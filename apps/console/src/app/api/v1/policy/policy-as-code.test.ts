import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { GET as exportPolicy } from './export/route';
import { POST as importPolicy } from './import/route';
import { POST as publish } from './publish/route';

// Policy as code, end to end: the real `parapet-policy` command (a child process) pushes a
// folder into the console's drafts, publishes, and pulls it back, over HTTP on 127.0.0.1, to
// the console's own route handlers (served here without Next.js, which only routes by path).
const db = setupRouteDatabase();
const acme = fileURLToPath(
  new URL('../../../../../../../packages/policy/examples/acme', import.meta.url),
);
const cli = fileURLToPath(
  new URL('../../../../../../../packages/policy/bin/parapet-policy.mjs', import.meta.url),
);
const routes: Record<string, (request: Request) => Promise<Response>> = {
  'GET /api/v1/policy/export': exportPolicy,
  'POST /api/v1/policy/import': importPolicy,
  'POST /api/v1/policy/publish': publish,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(() => {
  vi.stubEnv('AUTH_URL', 'http://localhost:3000');
});

async function serveRoutes(): Promise<string> {
  const server: Server = createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const handler = routes[`${incoming.method} ${url.pathname}`];
    if (!handler) {
      outgoing.writeHead(404).end();
      return;
    }
    const body = await readBody(incoming);
    const response = await handler(
      new Request(url, {
        method: incoming.method,
        headers: incoming.headers as Record<string, string>,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      }),
    );
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'parapet-policy-as-code-'));
  cleanups.push(() => rm(path, { recursive: true, force: true }));
  return path;
}

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('parapet-policy push and pull against the console', () => {
  it('pushes a folder, publishes it, and pulls back the same files', async () => {
    const org = await seedOrg({ prisma: db() });
    const { key } = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'CI', role: 'owner' },
    });
    const env = { PARAPET_URL: await serveRoutes(), PARAPET_API_KEY: key };
    const repo = await folder();
    await cp(acme, repo, { recursive: true });

    const pushed = await runCli(['push', repo, '--publish', 'From the repository'], env);
    expect(pushed.stderr).toBe('');
    expect(pushed.stdout).toContain('published version 1');
    expect(pushed.code).toBe(0);

    const pulled = await folder();
    const pull = await runCli(['pull', pulled], env);
    expect(pull.code).toBe(0);
    for (const path of ['guardrails.yaml', 'baseline.yaml']) {
      expect(await readFile(join(pulled, path), 'utf8')).toBe(
        await readFile(join(repo, path), 'utf8'),
      );
    }
    expect((await readdir(join(pulled, 'groups'))).sort()).toEqual(
      (await readdir(join(repo, 'groups'))).sort(),
    );
    const version = await runCli(['pull', pulled, '--version', '1'], env);
    expect(version.stdout).toContain('pulled version 1');
  });

  it('exits 1 and lists the failing test when the console refuses to publish', async () => {
    const org = await seedOrg({ prisma: db() });
    const { key } = await createApiKey({
      db: db(),
      actor: org.owner.actor,
      input: { name: 'CI', role: 'owner' },
    });
    const env = { PARAPET_URL: await serveRoutes(), PARAPET_API_KEY: key };
    const repo = await folder();
    await writeFile(
      join(repo, 'baseline.yaml'),
      [
        'network:',
        '  rules:',
        '    - { id: github, action: allow, hosts: [github.com] }',
        'tests:',
        '  - name: example.com is reachable',
        '    request: { surface: network, host: example.com }',
        '    expect: allow',
        '',
      ].join('\n'),
    );
    const pushed = await runCli(['push', repo, '--publish', 'Should be refused'], env);
    expect(pushed.code).toBe(1);
    expect(pushed.stderr).toContain('POLICY_TESTS_FAILED');
    expect(pushed.stderr).toContain('example.com is reachable');

    const wrongKey = await runCli(['pull', repo], { ...env, PARAPET_API_KEY: 'ppk_wrong' });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('401');
  });
});
