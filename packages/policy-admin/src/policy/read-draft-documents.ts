import type { OrgTransaction } from '@parapet/accounts';
import type { ScopedDb } from '@parapet/db/scoped';
import { compareLayers, groupLayer, type PolicyLayer, type VersionDocument } from './policy-layer';

type DraftReader = Pick<OrgTransaction, 'policyDocument' | 'policyGroup'> | ScopedDb;

/**
 * Every draft of the organization as a version would keep it, in layer order: guardrails and
 * baseline always (empty and at revision 0 until first saved) and every group, so a publish
 * records the whole org and two reads can be compared layer by layer.
 */
export async function readDraftDocuments(reader: DraftReader): Promise<VersionDocument[]> {
  const [documents, groups] = await Promise.all([
    (reader as OrgTransaction).policyDocument.findMany({
      select: { layer: true, format: true, source: true, revision: true },
    }),
    (reader as OrgTransaction).policyGroup.findMany({ select: { name: true } }),
  ]);
  const byLayer = new Map<string, VersionDocument>();
  const empty = (layer: PolicyLayer): VersionDocument => ({
    layer,
    format: 'yaml',
    source: '',
    revision: 0,
  });
  for (const layer of ['guardrails', 'baseline'] as const) byLayer.set(layer, empty(layer));
  for (const { name } of groups) byLayer.set(groupLayer(name), empty(groupLayer(name)));
  for (const document of documents) {
    // A group's document without its group cannot exist (the foreign key cascades); a stray
    // layer name is skipped rather than published as a group nobody can see.
    if (!byLayer.has(document.layer)) continue;
    byLayer.set(document.layer, { ...document, layer: document.layer as PolicyLayer });
  }
  return [...byLayer.values()].sort((left, right) => compareLayers(left.layer, right.layer));
}

/** Whether two reads of the drafts hold the same layers at the same revisions. */
export function sameRevisions(
  left: readonly VersionDocument[],
  right: readonly VersionDocument[],
): boolean {
  return (
    left.length === right.length &&
    left.every(
      (document, index) =>
        document.layer === right[index]?.layer && document.revision === right[index]?.revision,
    )
  );
}
