import type { Actor } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { publishPolicy } from '../policy/publish-policy';
import { savePolicyDraft } from '../policy/save-policy-draft';

// A small organization policy for simulator tests: guardrails deny the metadata address,
// the baseline allows GitHub, engineering adds npm, finance adds the ERP.
export const simulationDocuments = {
  guardrails:
    'network:\n  rules:\n    - id: no-metadata\n      action: deny\n      cidrs: [169.254.169.254/32]\n',
  baseline:
    'network:\n  rules:\n    - id: github\n      action: allow\n      hosts: [github.com]\n',
  'group:eng':
    'network:\n  rules:\n    - id: npm\n      action: allow\n      hosts: [registry.npmjs.org]\n',
  'group:finance':
    'network:\n  rules:\n    - id: erp\n      action: allow\n      hosts: [erp.example.com]\n',
} as const;

/** Saves `documents` as drafts (creating their groups) through the real domain functions. */
export async function saveSimulationDrafts({
  db,
  owner,
  documents = simulationDocuments,
}: {
  db: PrismaClient;
  owner: Actor;
  documents?: Readonly<Record<string, string>>;
}): Promise<void> {
  for (const [layer, source] of Object.entries(documents)) {
    await savePolicyDraft({ db, actor: owner, input: { layer, source } });
  }
}

/** Saves the drafts and publishes them as the next version. */
export async function publishSimulationPolicy({
  db,
  owner,
  documents = simulationDocuments,
}: {
  db: PrismaClient;
  owner: Actor;
  documents?: Readonly<Record<string, string>>;
}): Promise<number> {
  await saveSimulationDrafts({ db, owner, documents });
  const { version } = await publishPolicy({ db, actor: owner, input: { message: 'For tests' } });
  return version;
}
