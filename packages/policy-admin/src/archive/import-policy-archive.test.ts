import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { seedOrg, setupTestDatabase, snapshotDatabase } from '@parapet/accounts/testing';
import { readTarGz, writeTarGz } from '@parapet/policy/archive';
import { describe, expect, it } from 'vitest';
import { exportPolicyArchive } from './export-policy-archive';
import { importPolicyArchive } from './import-policy-archive';

const db = setupTestDatabase();
const acme = fileURLToPath(new URL('../../../policy/examples/acme', import.meta.url));

async function acmeArchive(prefix = 'policy/'): Promise<Buffer> {
  const files = [];
  for (const path of [
    'guardrails.yaml',
    'baseline.yaml',
    'groups/engineering.yaml',
    'groups/finance.yaml',
    'groups/security-research.yaml',
  ]) {
    files.push({ path: `${prefix}${path}`, content: await readFile(`${acme}/${path}`) });
  }
  return writeTarGz(files);
}

describe('importPolicyArchive', () => {
  it('loads a folder into the drafts, then leaves unchanged documents at their revision', async () => {
    const org = await seedOrg({ prisma: db() });
    const first = await importPolicyArchive({
      db: db(),
      actor: org.owner.actor,
      archive: await acmeArchive(),
    });
    expect(first.documents.map((document) => [document.layer, document.revision])).toEqual([
      ['guardrails', 1],
      ['baseline', 1],
      ['group:engineering', 1],
      ['group:finance', 1],
      ['group:security-research', 1],
    ]);
    expect(first.documents.every((document) => document.issues.length === 0)).toBe(true);

    const again = await importPolicyArchive({
      db: db(),
      actor: org.owner.actor,
      archive: await acmeArchive(''),
    });
    expect(again.documents.every((document) => !document.changed && document.revision === 1)).toBe(
      true,
    );
    // What comes back out is byte for byte what went in.
    const exported = await exportPolicyArchive({ db: db(), actor: org.auditor.actor });
    const byPath = (files: { path: string }[]) =>
      [...files].sort((a, b) => a.path.localeCompare(b.path));
    expect(byPath(readTarGz(exported.archive))).toEqual(byPath(readTarGz(await acmeArchive())));
  });

  it('changes nothing when any part cannot be loaded, and lets only owners load guardrails', async () => {
    const org = await seedOrg({ prisma: db() });
    const before = await snapshotDatabase(db());
    const bad = writeTarGz([
      { path: 'policy/baseline.yaml', content: Buffer.from('mode: audit\n') },
      { path: 'policy/groups/Not A Name.yaml', content: Buffer.from('') },
      { path: 'policy/notes.txt', content: Buffer.from('hello') },
    ]);
    await expect(
      importPolicyArchive({ db: db(), actor: org.owner.actor, archive: bad }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('notes.txt'),
    });
    await expect(
      importPolicyArchive({ db: db(), actor: org.admin.actor, archive: await acmeArchive() }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      importPolicyArchive({ db: db(), actor: org.auditor.actor, archive: await acmeArchive() }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      importPolicyArchive({ db: db(), actor: org.owner.actor, archive: Buffer.from('x') }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await snapshotDatabase(db())).toEqual(before);
  });
});
