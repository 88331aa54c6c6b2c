import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { compareLayers, type VersionDocument } from '../policy/policy-layer';
import { readDraftDocuments } from '../policy/read-draft-documents';
import { readVersionDocuments } from '../policy/read-version-documents';
import { diffLines, type LineDiff } from './diff-lines';
import { type DocumentRuleDiff, diffDocumentRules } from './diff-rules';
import { type DiffPolicyVersionsInput, diffPolicyVersionsSchema } from './policy-version.schema';

export type LayerDiff = {
  layer: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  format: { from: string | null; to: string | null };
  /** Null when either side does not parse: the text diff still shows the change. */
  rules: DocumentRuleDiff | null;
  text: LineDiff;
};

export type PolicyVersionsDiff = {
  from: number | 'draft';
  to: number | 'draft';
  layers: LayerDiff[];
};

/**
 * Compares two versions (or a version and the drafts) document by document: a rule-aware diff
 * per surface beside a line diff of the source. Layers in evaluation order. Auditors and up.
 */
export async function diffPolicyVersions({
  db,
  actor,
  input,
}: Pick<MemberContext, 'db' | 'actor'> & {
  input: DiffPolicyVersionsInput;
}): Promise<PolicyVersionsDiff> {
  assertRole(actor, 'auditor');
  const { from, to } = parseInput(diffPolicyVersionsSchema, input);
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const read = async (side: number | 'draft'): Promise<VersionDocument[]> => {
    if (side === 'draft') return readDraftDocuments(scoped);
    const row = await scoped.policyVersion.findUnique({
      where: { orgId_version: { orgId: actor.orgId, version: side } },
      select: { documents: true },
    });
    if (!row) throw new AppError('NOT_FOUND', `There is no policy version ${side}.`);
    return readVersionDocuments(row.documents);
  };
  const [before, after] = await Promise.all([read(from), read(to)]);
  const beforeByLayer = new Map(before.map((document) => [document.layer, document]));
  const afterByLayer = new Map(after.map((document) => [document.layer, document]));
  const layers = [...new Set([...beforeByLayer.keys(), ...afterByLayer.keys()])].sort(
    compareLayers,
  );
  return {
    from,
    to,
    layers: layers.map((layer) =>
      diffLayer(layer, beforeByLayer.get(layer), afterByLayer.get(layer)),
    ),
  };
}

function diffLayer(
  layer: string,
  before: VersionDocument | undefined,
  after: VersionDocument | undefined,
): LayerDiff {
  const status = !before
    ? 'added'
    : !after
      ? 'removed'
      : before.source === after.source && before.format === after.format
        ? 'unchanged'
        : 'changed';
  return {
    layer,
    status,
    format: { from: before?.format ?? null, to: after?.format ?? null },
    rules:
      status === 'unchanged'
        ? { mode: null, surfaces: [], tests: null }
        : diffDocumentRules(layer, before?.source ?? null, after?.source ?? null),
    text: diffLines(before?.source ?? '', after?.source ?? ''),
  };
}
