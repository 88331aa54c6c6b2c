import {
  type Actor,
  assertRole,
  inOrgTransaction,
  type MemberContext,
  type OrgTransaction,
  parseInput,
} from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { insertPolicyGroup } from '../groups/insert-policy-group';
import { checkPolicy } from '../policy/check-policy';
import { toPolicySources } from '../policy/load-policy-sources';
import { compareLayers, groupNameOfLayer, type VersionDocument } from '../policy/policy-layer';
import { readDraftDocuments, sameRevisions } from '../policy/read-draft-documents';
import { readVersionDocuments } from '../policy/read-version-documents';
import { describeAuthor } from '../policy/record-policy-activity';
import { takeNextPolicyVersion, writePolicyVersion } from '../policy/write-policy-version';
import { type RollbackPolicyInput, rollbackPolicySchema } from './policy-version.schema';

/**
 * Publishes an older version's content as a new version and resets the drafts to it, so the
 * next edit starts from what is in force. The content goes through the publish gate again: the
 * engine may have changed since, and a version it no longer accepts is refused (POLICY_INVALID
 * or POLICY_TESTS_FAILED) rather than signed into bundles. Groups created since that version
 * stay, with empty documents (people are in them; an empty layer grants nothing, so decisions
 * are the old version's); groups deleted since are created again. Admins and owners, but only
 * owners when the old guardrails differ from the current guardrails draft.
 */
export async function rollbackPolicy({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: RollbackPolicyInput }): Promise<{
  version: number;
  createdAt: Date;
}> {
  assertRole(actor, 'admin');
  const { version: from, message } = parseInput(rollbackPolicySchema, input);
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const row = await scoped.policyVersion.findUnique({
    where: { orgId_version: { orgId: actor.orgId, version: from } },
    select: { documents: true },
  });
  if (!row) throw new AppError('NOT_FOUND', `There is no policy version ${from}.`);
  const drafts = await readDraftDocuments(scoped);
  const restored = withCurrentGroups(readVersionDocuments(row.documents), drafts);
  assertMayRestoreGuardrails(actor, restored, drafts);
  const compileResult = checkPolicy(toPolicySources(restored, []));
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const version = await takeNextPolicyVersion(tx, actor.orgId);
    if (!sameRevisions(drafts, await readDraftDocuments(tx))) {
      throw new AppError(
        'STALE_REVISION',
        'A draft was saved, or a group added or deleted, while the rollback was being checked; nothing changed. Try again.',
      );
    }
    const documents = await resetDrafts(tx, { actor, restored, drafts, ip });
    return writePolicyVersion(tx, {
      actor,
      version,
      message,
      documents,
      compileResult,
      rolledBackFrom: from,
      ip,
    });
  });
}

function withCurrentGroups(
  restored: VersionDocument[],
  drafts: readonly VersionDocument[],
): VersionDocument[] {
  const layers = new Set(restored.map((document) => document.layer));
  const added = drafts
    .filter((draft) => !layers.has(draft.layer) && groupNameOfLayer(draft.layer) !== null)
    .map(
      (draft): VersionDocument => ({ layer: draft.layer, format: 'yaml', source: '', revision: 0 }),
    );
  return [...restored, ...added].sort((left, right) => compareLayers(left.layer, right.layer));
}

function assertMayRestoreGuardrails(
  actor: Actor,
  restored: readonly VersionDocument[],
  drafts: readonly VersionDocument[],
): void {
  const source = (documents: readonly VersionDocument[]) =>
    documents.find((document) => document.layer === 'guardrails')?.source ?? '';
  if (source(restored) !== source(drafts)) {
    assertRole(actor, 'owner');
  }
}

/** Sets every draft to the restored content; a draft that changes gets a new revision. */
async function resetDrafts(
  tx: OrgTransaction,
  {
    actor,
    restored,
    drafts,
    ip,
  }: {
    actor: Actor;
    restored: readonly VersionDocument[];
    drafts: readonly VersionDocument[];
    ip: string | undefined;
  },
): Promise<VersionDocument[]> {
  const updatedBy = describeAuthor(actor);
  const documents: VersionDocument[] = [];
  for (const document of restored) {
    const draft = drafts.find((candidate) => candidate.layer === document.layer);
    const groupName = groupNameOfLayer(document.layer);
    if (!draft && groupName !== null) {
      await insertPolicyGroup(tx, { actor, name: groupName, description: '', ip });
    }
    if (draft && draft.source === document.source && draft.format === document.format) {
      documents.push(draft);
      continue;
    }
    const revision = (draft?.revision ?? 0) + 1;
    const data = { source: document.source, format: document.format, revision, updatedBy };
    await tx.policyDocument.upsert({
      where: { orgId_layer: { orgId: actor.orgId, layer: document.layer } },
      create: { orgId: actor.orgId, layer: document.layer, ...data },
      update: data,
    });
    documents.push({ ...document, revision });
  }
  return documents;
}
