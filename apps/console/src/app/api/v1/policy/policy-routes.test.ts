import { createApiKey } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { PUT as saveBaseline } from './baseline/route';
import { DELETE as deleteGroup, GET as getGroup, PUT as saveGroup } from './groups/[group]/route';
import { PUT as saveGuardrails } from './guardrails/route';
import { POST as publish } from './publish/route';
import { POST as rollback } from './rollback/route';
import { GET as getVersion } from './versions/[version]/route';
import { GET as listVersions } from './versions/route';

// The policy routes as automation calls them: an API key, YAML or JSON documents as sent,
// revisions as ETags, and the publish gate's refusals with every issue.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
});

async function keys() {
  const org = await seedOrg({ prisma: db() });
  const key = async (role: 'owner' | 'admin') =>
    (await createApiKey({ db: db(), actor: org.owner.actor, input: { name: role, role } })).key;
  return { org, owner: await key('owner'), admin: await key('admin') };
}

function call(
  method: string,
  path: string,
  key: string,
  {
    body,
    type,
    headers = {},
  }: { body?: string; type?: string; headers?: Record<string, string> } = {},
) {
  return new Request(`${origin}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(type ? { 'content-type': type } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });
}

function params(values: Record<string, string>) {
  return { params: Promise.resolve(values) };
}

async function answer(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>),
  };
}

const engineering = `# Engineers build things.
network:
  rules:
    - id: github
      action: allow
      hosts: [github.com]   # the web and git
tests:
  - name: github
    groups: [engineering]
    request: { surface: network, host: github.com, port: 443 }
    expect: allow
`;

describe('the policy routes', () => {
  it('save a group document as sent, creating the group, with revisions as ETags', async () => {
    const { admin } = await keys();
    const group = params({ group: 'engineering' });
    const put = (headers: Record<string, string> = {}, body = engineering) =>
      saveGroup(
        call('PUT', '/api/v1/policy/groups/engineering', admin, {
          body,
          type: 'application/yaml',
          headers,
        }),
        group,
      ).then(answer);
    const created = await put();
    expect(created).toMatchObject({
      status: 201,
      etag: '"1"',
      body: { layer: 'group:engineering', revision: 1, issues: [], groupCreated: true },
    });
    expect(await put({ 'if-match': '"1"' })).toMatchObject({ status: 200, etag: '"2"' });
    const stale = await put({ 'if-match': '"1"' });
    expect(stale).toMatchObject({ status: 412, body: { error: { code: 'STALE_REVISION' } } });
    const read = await answer(
      await getGroup(call('GET', '/api/v1/policy/groups/engineering', admin), group),
    );
    expect(read).toMatchObject({ status: 200, etag: '"2"', body: { source: engineering } });
    const invalid = await put({}, 'network:\n  rules:\n    - id: x\n      action: allow\n');
    expect(invalid).toMatchObject({ status: 200, etag: '"3"' });
    expect(invalid.body?.issues).toEqual([
      expect.objectContaining({ layer: 'group:engineering', path: 'network.rules[0]', line: 3 }),
    ]);
  });

  it('refuse guardrails to an admin key and take them from an owner key', async () => {
    const { owner, admin } = await keys();
    const put = (key: string) =>
      saveGuardrails(
        call('PUT', '/api/v1/policy/guardrails', key, {
          body: '{"mode": "enforce"}',
          type: 'application/json',
        }),
      ).then(answer);
    expect(await put(admin)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await put(owner)).toMatchObject({ status: 200, body: { format: 'json', revision: 1 } });
  });

  it('publish (201), refuse an invalid policy (422 with issues), list, read and roll back', async () => {
    const { admin } = await keys();
    await saveGroup(
      call('PUT', '/api/v1/policy/groups/engineering', admin, {
        body: engineering,
        type: 'application/yaml',
      }),
      params({ group: 'engineering' }),
    );
    const post = (message: string) =>
      publish(
        call('POST', '/api/v1/policy/publish', admin, {
          body: JSON.stringify({ message }),
          type: 'application/json',
        }),
      ).then(answer);
    expect(await post('First')).toMatchObject({ status: 201, body: { version: 1 } });
    await saveBaseline(
      call('PUT', '/api/v1/policy/baseline', admin, {
        body: 'network:\n  rules:\n    - id: bad\n      action: allow\n      hosts: [127.1]\n',
        type: 'application/yaml',
      }),
    );
    const refused = await post('Broken');
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'POLICY_INVALID' } } });
    const { issues } = (refused.body as { error: { issues: unknown[] } }).error;
    expect(issues).toEqual([
      expect.objectContaining({ layer: 'baseline', path: 'network.rules[0].hosts[0]', line: 5 }),
    ]);
    await saveBaseline(
      call('PUT', '/api/v1/policy/baseline', admin, { body: '', type: 'application/yaml' }),
    );
    expect(await post('Second')).toMatchObject({ status: 201, body: { version: 2 } });
    const listed = await answer(await listVersions(call('GET', '/api/v1/policy/versions', admin)));
    expect(
      (listed.body as { versions: { version: number }[] }).versions.map((row) => row.version),
    ).toEqual([2, 1]);
    const first = await answer(
      await getVersion(call('GET', '/api/v1/policy/versions/1', admin), params({ version: '1' })),
    );
    expect(first).toMatchObject({ status: 200, body: { version: 1, message: 'First' } });
    expect(
      await answer(
        await getVersion(call('GET', '/api/v1/policy/versions/x', admin), params({ version: 'x' })),
      ),
    ).toMatchObject({ status: 400 });
    const rolledBack = await answer(
      await rollback(
        call('POST', '/api/v1/policy/rollback', admin, {
          body: JSON.stringify({ version: 1, message: 'Back' }),
          type: 'application/json',
        }),
      ),
    );
    expect(rolledBack).toMatchObject({ status: 201, body: { version: 3 } });
  });

  it('delete a group', async () => {
    const { admin } = await keys();
    const group = params({ group: 'ops' });
    await saveGroup(
      call('PUT', '/api/v1/policy/groups/ops', admin, { body: '', type: 'application/yaml' }),
      group,
    );
    expect(
      await answer(await deleteGroup(call('DELETE', '/api/v1/policy/groups/ops', admin), group)),
    ).toMatchObject({ status: 200, body: { name: 'ops', members: 0 } });
    expect(
      await answer(await getGroup(call('GET', '/api/v1/policy/groups/ops', admin), group)),
    ).toMatchObject({ status: 404 });
  });
});
