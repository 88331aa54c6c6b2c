import type { Actor } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { writeTarGz } from '@parapet/policy/archive';
import { groupNameOfLayer, type VersionDocument } from '../policy/policy-layer';
import { readVersionDocuments } from '../policy/read-version-documents';

export type PolicyArchive = { fileName: string; archive: Buffer };

/**
 * The org's drafts, or one published version, as the folder `parapet-policy check` reads:
 * `policy/guardrails.yaml`, `policy/baseline.yaml`, `policy/groups/<name>.yaml`, each byte for
 * byte as saved (a document kept as JSON keeps its JSON text: JSON is YAML too, and the CLI reads
 * `.yaml` names only), packed as a .tar.gz. Layers without a
 * document are left out; every group is there, so its name stays known. Any member may export.
 */
export async function exportPolicyArchive({
  db,
  actor,
  version,
}: {
  db: PrismaClient;
  actor: Actor;
  /** A published version; the drafts when absent. */
  version?: number | undefined;
}): Promise<PolicyArchive> {
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  let documents: Pick<VersionDocument, 'layer' | 'source'>[];
  if (version === undefined) {
    const [drafts, groups] = await Promise.all([
      scoped.policyDocument.findMany({ select: { layer: true, source: true } }),
      scoped.policyGroup.findMany({ select: { name: true } }),
    ]);
    const withDocument = new Set(drafts.map((draft) => draft.layer));
    documents = [
      ...(drafts as VersionDocument[]),
      ...groups
        .filter((group) => !withDocument.has(`group:${group.name}`))
        .map((group) => ({
          layer: `group:${group.name}` as const,
          format: 'yaml' as const,
          source: '',
        })),
    ];
  } else {
    const row = await scoped.policyVersion.findUnique({
      where: { orgId_version: { orgId: actor.orgId, version } },
      select: { documents: true },
    });
    if (!row) throw new AppError('NOT_FOUND', `There is no policy version ${version}.`);
    documents = readVersionDocuments(row.documents);
  }
  const files = documents
    .filter((document) => document.source !== '' || groupNameOfLayer(document.layer) !== null)
    .map((document) => {
      const group = groupNameOfLayer(document.layer);
      const name = group === null ? document.layer : `groups/${group}`;
      return {
        path: `policy/${name}.yaml`,
        content: Buffer.from(document.source, 'utf8'),
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const label = version === undefined ? 'drafts' : `v${version}`;
  return { fileName: `parapet-policy-${label}.tar.gz`, archive: writeTarGz(files) };
}
