import { createApiKey } from '@parapet/accounts';
import { seedOrg } from '@parapet/accounts/testing';
import type { Role } from '@parapet/db';
import { closeJacksons } from '@parapet/identity';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureIdpMetadata } from '@/server/testing/saml-fixtures';
import { setupRouteDatabase } from '@/server/testing/setup-route-database';
import { DELETE as releaseDomain } from '../domains/[id]/route';
import { POST as claimDomain, GET as listDomains } from '../domains/route';
import { PUT as putSettings } from '../sso-settings/route';
import { DELETE as deleteConnection, PATCH as updateConnection } from './[id]/route';
import { POST as createConnection, GET as listConnections } from './route';

// The admin API of single sign-on with API keys of each role, against a real database and the
// real jackson: owners change, admins and auditors read; a domain belongs to one organization.
const db = setupRouteDatabase();
const origin = 'http://localhost:3000';

beforeAll(() => {
  vi.stubEnv('AUTH_URL', origin);
});

// Each test has a database of its own: its jackson is closed before the database is dropped.
afterEach(async () => {
  await closeJacksons();
});

async function seeded() {
  const org = await seedOrg({ prisma: db() });
  const keys = {} as Record<Role, string>;
  for (const role of ['owner', 'admin', 'auditor'] as const) {
    keys[role] = (
      await createApiKey({ db: db(), actor: org.owner.actor, input: { name: role, role } })
    ).key;
  }
  return { org, keys };
}

function call(key: string, path: string, method = 'GET', body?: unknown): Request {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${origin}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe('the SSO admin API', () => {
  it('creates a SAML connection for owners and answers the values to give the IdP', async () => {
    const { keys } = await seeded();
    const body = { name: 'Okta', metadataXml: fixtureIdpMetadata() };
    for (const role of ['admin', 'auditor'] as const) {
      const refused = await createConnection(
        call(keys[role], '/api/v1/sso-connections', 'POST', body),
      );
      expect(refused.status).toBe(403);
    }
    const created = await createConnection(
      call(keys.owner, '/api/v1/sso-connections', 'POST', body),
    );
    expect(created.status).toBe(201);
    const connection = await created.json();
    expect(connection).toMatchObject({
      protocol: 'saml',
      saml: {
        spEntityId: `${origin}/api/sso/saml/metadata`,
        acsUrl: `${origin}/api/sso/saml/acs`,
        spMetadataUrl: `${origin}/api/sso/saml/metadata`,
      },
    });
    const again = await createConnection(call(keys.owner, '/api/v1/sso-connections', 'POST', body));
    expect(again.status).toBe(409);
    const listed = await (
      await listConnections(call(keys.auditor, '/api/v1/sso-connections'))
    ).json();
    expect(listed.connections).toHaveLength(1);

    const mapping = { roleMappings: [{ attribute: 'groups', value: 'admins', role: 'admin' }] };
    const path = `/api/v1/sso-connections/${connection.id}`;
    const updated = await updateConnection(
      call(keys.owner, path, 'PATCH', mapping),
      params(connection.id),
    );
    expect(await updated.json()).toMatchObject(mapping);
    const deleted = await deleteConnection(call(keys.owner, path, 'DELETE'), params(connection.id));
    expect(deleted.status).toBe(204);
  });

  it('refuses metadata that is not metadata, with the reason on the field', async () => {
    const { keys } = await seeded();
    const response = await createConnection(
      call(keys.owner, '/api/v1/sso-connections', 'POST', { name: 'x', metadataXml: '<html/>' }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/EntityDescriptor/);
  });

  it('gives a domain to one organization of the installation', async () => {
    const first = await seeded();
    const second = await seeded();
    const claim = (key: string) =>
      claimDomain(call(key, '/api/v1/domains', 'POST', { domain: 'Example.COM.' }));
    const claimed = await claim(first.keys.owner);
    expect(claimed.status).toBe(201);
    const domain = await claimed.json();
    expect(domain.domain).toBe('example.com');
    expect((await claim(second.keys.owner)).status).toBe(409);
    expect((await claim(first.keys.admin)).status).toBe(403);
    const listed = await (await listDomains(call(first.keys.auditor, '/api/v1/domains'))).json();
    expect(listed.domains.map((row: { domain: string }) => row.domain)).toEqual(['example.com']);
    const foreign = await releaseDomain(
      call(second.keys.owner, `/api/v1/domains/${domain.id}`, 'DELETE'),
      params(domain.id),
    );
    expect(foreign.status).toBe(404);
    const released = await releaseDomain(
      call(first.keys.owner, `/api/v1/domains/${domain.id}`, 'DELETE'),
      params(domain.id),
    );
    expect(released.status).toBe(204);
    expect((await claim(second.keys.owner)).status).toBe(201);
  });

  it('requires SSO only once an enabled connection exists, and only for owners', async () => {
    const { keys, org } = await seeded();
    const put = (key: string) =>
      putSettings(call(key, '/api/v1/sso-settings', 'PUT', { requireSso: true }));
    expect((await put(keys.admin)).status).toBe(403);
    expect((await put(keys.owner)).status).toBe(409);
    await db().ssoConnection.create({
      data: { orgId: org.orgId, protocol: 'saml', name: 'Okta', samlClientId: 'c1' },
    });
    const on = await put(keys.owner);
    expect(await on.json()).toEqual({ requireSso: true });
    const actions = await db().activityLogEntry.findMany({ where: { action: 'sso.required_on' } });
    expect(actions).toHaveLength(1);
  });
});
