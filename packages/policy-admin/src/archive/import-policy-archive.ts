import { assertRole, type MemberContext } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { PolicyArchiveError, readTarGz } from '@parapet/policy/archive';
import { groupNameField } from '../groups/group-name-field';
import { compareLayers, groupNameOfLayer, type PolicyLayer } from '../policy/policy-layer';
import { type SavedPolicyDraft, savePolicyDraft } from '../policy/save-policy-draft';

export type ImportedPolicyArchive = {
  /** Every document the archive holds, saved (a new revision) or unchanged. */
  documents: (Pick<SavedPolicyDraft, 'layer' | 'revision' | 'issues'> & { changed: boolean })[];
  /** Groups the org has that the archive does not mention: kept, since people may be in them. */
  groupsNotInArchive: string[];
};

/**
 * Loads a policy folder, packed as .tar.gz (what exportPolicyArchive and `parapet-policy push`
 * make: `guardrails.yaml`, `baseline.yaml`, `groups/<name>.yaml`, under one top folder or none),
 * into the org's drafts: each document whose text differs is saved (groups created as needed),
 * the rest keep their revision. Every path, name and role is checked before anything is saved,
 * so an archive that cannot be loaded whole changes nothing. Groups missing from the archive
 * are not deleted (their people would lose the group); they are listed instead.
 */
export async function importPolicyArchive({
  db,
  actor,
  archive,
  ip,
}: MemberContext & { archive: Buffer }): Promise<ImportedPolicyArchive> {
  assertRole(actor, 'admin');
  const documents = readDocuments(archive);
  if (documents.some((document) => document.layer === 'guardrails')) assertRole(actor, 'owner');
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const [drafts, groups] = await Promise.all([
    scoped.policyDocument.findMany({ select: { layer: true, source: true, revision: true } }),
    scoped.policyGroup.findMany({ select: { name: true } }),
  ]);
  const current = new Map(drafts.map((draft) => [draft.layer, draft]));
  const results: ImportedPolicyArchive['documents'] = [];
  // Groups first: a baseline or guardrails test that names a group finds it, so the problems
  // reported for each document are the ones it has once the whole folder is in.
  const savingOrder = [...documents].sort(
    (a, b) =>
      Number(groupNameOfLayer(b.layer) !== null) - Number(groupNameOfLayer(a.layer) !== null),
  );
  for (const { layer, source } of savingOrder) {
    const existing = current.get(layer);
    if (existing && existing.source === source) {
      results.push({ layer, revision: existing.revision, issues: [], changed: false });
      continue;
    }
    const saved = await savePolicyDraft({ db, actor, input: { layer, source }, ip });
    results.push({
      layer: saved.layer,
      revision: saved.revision,
      issues: saved.issues,
      changed: true,
    });
  }
  const imported = new Set(documents.map((document) => document.layer));
  return {
    documents: results.sort((a, b) => compareLayers(a.layer, b.layer)),
    groupsNotInArchive: groups
      .map((group) => group.name)
      .filter((name) => !imported.has(`group:${name}`))
      .sort(),
  };
}

function readDocuments(archive: Buffer): { layer: PolicyLayer; source: string }[] {
  let files: ReturnType<typeof readTarGz>;
  try {
    files = readTarGz(archive);
  } catch (error) {
    if (error instanceof PolicyArchiveError) throw new AppError('INVALID_INPUT', error.message);
    throw error;
  }
  const paths = files.map((file) => file.path.replace(/^\.\//, ''));
  // One top folder (`policy/` as exported) or none, as long as every file shares it.
  const top = paths[0]?.split('/')[0];
  const nested =
    top !== undefined &&
    !['guardrails.yaml', 'baseline.yaml', 'groups'].includes(top) &&
    paths.every((path) => path.startsWith(`${top}/`));
  const problems: string[] = [];
  const documents = files.flatMap((file, index) => {
    const path = nested ? (paths[index] ?? '').slice(`${top}/`.length) : (paths[index] ?? '');
    const layer = layerOf(path);
    if (layer === undefined) {
      problems.push(
        `${file.path}: not a policy file (guardrails.yaml, baseline.yaml, groups/<name>.yaml)`,
      );
      return [];
    }
    if (typeof layer === 'object') {
      problems.push(`${file.path}: ${layer.problem}`);
      return [];
    }
    const source = decodeUtf8(file.content);
    if (source === undefined) {
      problems.push(`${file.path}: not UTF-8 text`);
      return [];
    }
    return [{ layer, source }];
  });
  if (problems.length > 0) {
    throw new AppError('INVALID_INPUT', `The archive cannot be loaded: ${problems.join('; ')}.`);
  }
  if (documents.length === 0) {
    throw new AppError('INVALID_INPUT', 'The archive holds no policy documents.');
  }
  return documents;
}

function layerOf(path: string): PolicyLayer | { problem: string } | undefined {
  if (path === 'guardrails.yaml') return 'guardrails';
  if (path === 'baseline.yaml') return 'baseline';
  const group = /^groups\/([^/]+)\.yaml$/.exec(path)?.[1];
  if (group === undefined) return undefined;
  const name = groupNameField.safeParse(group);
  return name.success
    ? `group:${name.data}`
    : { problem: name.error.issues[0]?.message ?? 'bad name' };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
