import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedOrg, setupTestDatabase } from '@parapet/accounts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { exportPolicyArchive } from './export-policy-archive';

const db = setupTestDatabase();
const acme = fileURLToPath(new URL('../../../policy/examples/acme', import.meta.url));
const cli = fileURLToPath(new URL('../../../policy/bin/parapet-policy.mjs', import.meta.url));

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** The acme example as an org's drafts, straight into the database. */
async function seedAcmeDrafts(orgId: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of ['guardrails', 'baseline']) {
    files[`${name}.yaml`] = await readFile(join(acme, `${name}.yaml`), 'utf8');
    await db().policyDocument.create({
      data: { orgId, layer: name, source: files[`${name}.yaml`] ?? '', revision: 1 },
    });
  }
  for (const file of await readdir(join(acme, 'groups'))) {
    const name = file.replace(/\.yaml$/, '');
    files[`groups/${file}`] = await readFile(join(acme, 'groups', file), 'utf8');
    await db().policyGroup.create({
      data: {
        orgId,
        name,
        document: {
          create: { orgId, layer: `group:${name}`, source: files[`groups/${file}`] ?? '' },
        },
      },
    });
  }
  return files;
}

describe('exportPolicyArchive', () => {
  it('packs the drafts as the folder parapet-policy check reads, byte for byte', async () => {
    const org = await seedOrg({ prisma: db() });
    const files = await seedAcmeDrafts(org.orgId);
    const { fileName, archive } = await exportPolicyArchive({ db: db(), actor: org.auditor.actor });
    expect(fileName).toBe('parapet-policy-drafts.tar.gz');

    const dir = await mkdtemp(join(tmpdir(), 'parapet-export-test-'));
    folders.push(dir);
    await writeFile(join(dir, fileName), archive);
    execFileSync('tar', ['-xzf', fileName], { cwd: dir });
    for (const [path, content] of Object.entries(files)) {
      expect(await readFile(join(dir, 'policy', path), 'utf8')).toBe(content);
    }
    const check = spawnSync(process.execPath, [cli, 'check', join(dir, 'policy')], {
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('exports one published version, and refuses one that does not exist', async () => {
    const org = await seedOrg({ prisma: db() });
    await db().policyVersion.create({
      data: {
        orgId: org.orgId,
        version: 1,
        message: 'first',
        documents: [
          { layer: 'baseline', format: 'json', source: '{"network":{"rules":[]}}', revision: 3 },
        ],
        compileResult: {},
      },
    });
    const { fileName, archive } = await exportPolicyArchive({
      db: db(),
      actor: org.admin.actor,
      version: 1,
    });
    expect(fileName).toBe('parapet-policy-v1.tar.gz');
    const dir = await mkdtemp(join(tmpdir(), 'parapet-export-test-'));
    folders.push(dir);
    await writeFile(join(dir, fileName), archive);
    expect(execFileSync('tar', ['-tzf', fileName], { cwd: dir, encoding: 'utf8' })).toBe(
      'policy/baseline.yaml\n',
    );
    await expect(
      exportPolicyArchive({ db: db(), actor: org.admin.actor, version: 2 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never exports another organization’s drafts', async () => {
    const org = await seedOrg({ prisma: db() });
    const other = await seedOrg({ prisma: db() });
    await seedAcmeDrafts(other.orgId);
    const { archive } = await exportPolicyArchive({ db: db(), actor: org.owner.actor });
    const dir = await mkdtemp(join(tmpdir(), 'parapet-export-test-'));
    folders.push(dir);
    await writeFile(join(dir, 'a.tar.gz'), archive);
    expect(execFileSync('tar', ['-tzf', 'a.tar.gz'], { cwd: dir, encoding: 'utf8' })).toBe('');
  });
});
