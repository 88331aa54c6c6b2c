import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@parapet/db/testing';
import { createEnrollmentToken } from '@parapet/distribution';
import { type EdgeServer, startEdgeServer } from '@parapet/edge';
import {
  createPolicyGroup,
  getEffectivePolicy,
  publishPolicy,
  savePolicyDraft,
} from '@parapet/policy-admin';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDirectoryGroupMapping } from '../mappings/set-directory-group-mapping';
import { seedScimDirectory } from '../testing/scim-test-client';

// The acceptance line end to end: SCIM provisions a person and puts them in a mapped group
// (Entra's PATCH), their effective policy has the group's rules; the members are replaced, the
// group PUT, and the person deactivated with Entra's "False": out of every group, and the real
// agent enrolled for them is refused by the real edge at its next pull.

const agentBin = fileURLToPath(
  new URL('../../../../apps/agent/bin/parapet-agent.mjs', import.meta.url),
);
const run = promisify(execFile);
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';

let database: TestDatabase;
let edge: EdgeServer;
let stateDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  edge = await startEdgeServer({
    host: '127.0.0.1',
    port: 0,
    databaseUrl: database.databaseUrl,
    prisma: database.prisma,
    issuer: 'https://parapet.scim-deprovisioning.test',
    logger: false,
  });
  stateDir = await mkdtemp(join(tmpdir(), 'parapet-scim-agent-'));
});

afterEach(async () => {
  await edge.close();
  await database.drop();
  await rm(stateDir, { recursive: true, force: true });
});

async function agent(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [agentBin, ...args, '--state', stateDir],
      { timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('deprovisioning through SCIM', () => {
  it('changes effective policy with membership and refuses the person’s agent once deactivated', async () => {
    const db = () => database.prisma;
    const { org, client } = await seedScimDirectory({ db, name: 'Entra' });
    await createPolicyGroup({ db: db(), actor: org.admin.actor, input: { name: 'eng' } });
    await savePolicyDraft({
      db: db(),
      actor: org.admin.actor,
      input: {
        layer: 'group:eng',
        source:
          'network:\n  rules:\n    - id: npm\n      action: allow\n      hosts: [registry.npmjs.org]\n',
      },
    });
    await publishPolicy({
      db: db(),
      actor: org.admin.actor,
      input: { message: 'eng may reach npm' },
    });

    const ada = await client.send('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'ada@contoso.com',
      emails: [{ value: 'ada@contoso.com', primary: true, type: 'work' }],
      active: true,
    });
    const adaId = ada.body.id as string;
    const group = await client.send('POST', '/Groups', {
      schemas: [groupSchema],
      displayName: 'Engineers',
    });
    const groupId = group.body.id as string;
    await setDirectoryGroupMapping({
      db: db(),
      actor: org.owner.actor,
      input: { id: client.directoryId, groupId, policyGroups: ['eng'] },
    });
    const rules = async () =>
      (
        await getEffectivePolicy({
          db: db(),
          actor: org.owner.actor,
          input: { person: 'ada@contoso.com' },
        })
      ).effectivePolicy.network.map((rule) => (rule as { id: string }).id);
    expect(await rules()).toEqual([]);

    const added = await client.send('PATCH', `/Groups/${groupId}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: adaId }] }],
    });
    expect(added.status).toBe(200);
    expect(await rules()).toEqual(['npm']);

    const { token } = await createEnrollmentToken({
      db: db(),
      actor: org.owner.actor,
      input: { person: 'ada@contoso.com', reusable: false },
    });
    const enrolled = await agent(['enroll', '--server', edge.url, '--token', token]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const pulled = await agent(['pull']);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect((await agent(['show'])).stdout).toMatch(/groups\s+eng\n/);

    await client.send('PATCH', `/Groups/${groupId}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', path: 'members', value: [] }],
    });
    expect(await rules()).toEqual([]);
    expect((await agent(['pull'])).code).toBe(0);
    expect((await agent(['show'])).stdout).toMatch(/groups\s+\(none\)\n/);
    await client.send('PUT', `/Groups/${groupId}`, {
      schemas: [groupSchema],
      displayName: 'Engineers',
      members: [{ value: adaId }],
    });
    expect(await rules()).toEqual(['npm']);

    const disabled = await client.send('PATCH', `/Users/${adaId}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(disabled).toMatchObject({ status: 200, body: { active: false } });
    expect(await db().personGroup.count({ where: { personId: adaId } })).toBe(0);
    expect(await db().directoryGroupMember.count({ where: { personId: adaId } })).toBe(0);
    expect(await rules()).toEqual([]);

    const refused = await agent(['pull']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('PERSON_DEACTIVATED');
    const logged = await db().activityLogEntry.findFirst({
      where: { orgId: org.orgId, action: 'directory.user_deprovisioned' },
    });
    expect(logged?.target).toBe('ada@contoso.com');
  });
});
