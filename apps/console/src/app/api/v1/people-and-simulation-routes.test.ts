import { createApiKey } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import { savePolicyDraft } from '@parapet/policy-admin';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { GET as getPerson, PUT as updatePerson } from './people/[personId]/route';
import { POST as importPeople } from './people/import/route';
import { POST as createPerson, GET as listPeople } from './people/route';
import { POST as comparePolicies } from './policy/compare/route';
import { GET as effectivePolicy } from './policy/effective/route';
import { POST as simulatePolicy } from './policy/simulate/route';

// The directory and the simulator as automation calls them: Fetch API requests with an API key,
// CSV and JSON bodies, query strings, against a real database.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
});

async function seeded() {
  const org = await seedOrg({ prisma: db() });
  for (const [layer, source] of [
    [
      'baseline',
      'network:\n  rules:\n    - id: github\n      action: allow\n      hosts: [github.com]\n',
    ],
    [
      'group:eng',
      'network:\n  rules:\n    - id: npm\n      action: allow\n      hosts: [registry.npmjs.org]\n',
    ],
  ] as const) {
    await savePolicyDraft({ db: db(), actor: org.owner.actor, input: { layer, source } });
  }
  const { key } = await createApiKey({
    db: db(),
    actor: org.owner.actor,
    input: { name: 'Directory sync', role: 'admin' },
  });
  return { org, key };
}

function call(
  key: string,
  path: string,
  init: { method?: string; type?: string; body?: string } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (init.type) headers['content-type'] = init.type;
  return new Request(`${origin}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const csv =
  '\uFEFFemail,display_name,groups\r\nada@example.com,"Lovelace, Ada",eng\r\nbob@example.com,,\r\n';

describe('the people routes', () => {
  it('previews and imports a CSV body, then lists, reads and changes people', async () => {
    const { key } = await seeded();
    const preview = await answer(
      await importPeople(
        call(key, '/api/v1/people/import?preview=true', {
          method: 'POST',
          type: 'text/csv',
          body: csv,
        }),
      ),
    );
    expect(preview).toMatchObject({
      status: 200,
      body: { counts: { creates: 2, updates: 0, unchanged: 0, problems: 0 } },
    });
    const imported = await answer(
      await importPeople(
        call(key, '/api/v1/people/import', { method: 'POST', type: 'text/csv', body: csv }),
      ),
    );
    expect(imported).toEqual({
      status: 200,
      body: { creates: 2, updates: 0, unchanged: 0, problems: 0 },
    });
    const listed = await answer(await listPeople(call(key, '/api/v1/people?group=eng')));
    expect(listed.body).toMatchObject({
      total: 1,
      people: [{ email: 'ada@example.com', displayName: 'Lovelace, Ada', groups: ['eng'] }],
    });
    const { people } = listed.body as { people: { id: string }[] };
    const personId = people[0]?.id ?? '';
    const params = { params: Promise.resolve({ personId }) };
    const changed = await answer(
      await updatePerson(
        call(key, `/api/v1/people/${personId}`, {
          method: 'PUT',
          type: 'application/json',
          body: JSON.stringify({ active: false, groups: [] }),
        }),
        params,
      ),
    );
    expect(changed).toMatchObject({ status: 200, body: { active: false, groups: [] } });
    const read = await answer(await getPerson(call(key, `/api/v1/people/${personId}`), params));
    expect(read.body).toMatchObject({ email: 'ada@example.com', active: false });
  });

  it('refuses a CSV with a bad line as a whole, each line in issues, and other media types', async () => {
    const { key } = await seeded();
    const refused = await answer(
      await importPeople(
        call(key, '/api/v1/people/import', {
          method: 'POST',
          type: 'text/csv',
          body: 'email,groups\nada@example.com,eng\nnot-an-email,\nbob@example.com,nope\n',
        }),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: '2 lines have problems; nothing was imported.',
      issues: [
        { line: 3, message: expect.stringMatching(/^email:/) },
        { line: 4, message: 'groups: There is no group named "nope".' },
      ],
    });
    const wrongType = await importPeople(
      call(key, '/api/v1/people/import', { method: 'POST', type: 'application/json', body: '{}' }),
    );
    expect(wrongType.status).toBe(415);
    const created = await createPerson(
      call(key, '/api/v1/people', {
        method: 'POST',
        type: 'application/json',
        body: JSON.stringify({ email: 'carol@example.com', groups: ['missing'] }),
      }),
    );
    expect(await answer(created)).toMatchObject({
      status: 400,
      body: { error: { fieldErrors: { groups: ['There is no group named "missing".'] } } },
    });
  });
});

describe('the simulation routes', () => {
  it('simulates, compares and shows the effective policy for groups', async () => {
    const { key } = await seeded();
    const requests = [
      { surface: 'network', host: 'registry.npmjs.org', port: 443 },
      { surface: 'network', host: 'github.com', port: '443' },
    ];
    const simulated = await answer(
      await simulatePolicy(
        call(key, '/api/v1/policy/simulate', {
          method: 'POST',
          type: 'application/json',
          body: JSON.stringify({ against: 'draft', groups: ['eng'], requests }),
        }),
      ),
    );
    expect(simulated).toMatchObject({
      status: 200,
      body: {
        decisions: [
          { decision: 'allow', ruleId: 'npm', layer: 'group:eng', mode: 'enforce' },
          { decision: 'deny', ruleId: null, layer: 'default', reason: expect.any(String) },
        ],
        version: null,
      },
    });
    const compared = await answer(
      await comparePolicies(
        call(key, '/api/v1/policy/compare', {
          method: 'POST',
          type: 'application/json',
          body: JSON.stringify({ from: 'draft', to: 'draft', requests }),
        }),
      ),
    );
    expect(compared.body).toMatchObject({ changes: [], compared: 2 });
    const effective = await answer(
      await effectivePolicy(call(key, '/api/v1/policy/effective?against=draft&groups=eng')),
    );
    expect(effective.status).toBe(200);
    expect(effective.body).toMatchObject({
      format: 'parapet.effective-policy/v1',
      network: [
        { layer: 'baseline', id: 'github' },
        { layer: 'group:eng', id: 'npm' },
      ],
    });
    const nothingPublished = await effectivePolicy(call(key, '/api/v1/policy/effective'));
    expect(nothingPublished.status).toBe(404);
  });
});
