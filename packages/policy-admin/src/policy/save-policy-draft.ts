import {
  assertRole,
  inOrgTransaction,
  lockOrganization,
  type MemberContext,
  parseInput,
} from '@parapet/accounts';
import type { PolicyFormat } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import type { PolicyIssue } from '@parapet/policy';
import { insertPolicyGroup } from '../groups/insert-policy-group';
import { detectPolicyFormat, findDraftIssues } from './describe-draft';
import { groupNameOfLayer, type PolicyLayer } from './policy-layer';
import { describeAuthor, recordPolicyActivity } from './record-policy-activity';
import { type SavePolicyDraftInput, savePolicyDraftSchema } from './save-policy-draft.schema';

/** The largest document kept, in UTF-8 bytes: the same megabyte the console accepts per request. */
export const policyDocumentByteLimit = 1024 * 1024;

export type SavedPolicyDraft = {
  layer: PolicyLayer;
  format: PolicyFormat;
  revision: number;
  updatedBy: string;
  updatedAt: Date;
  /** Problems publishing would refuse; saving an invalid draft keeps the work all the same. */
  issues: PolicyIssue[];
  /** Whether this save created the group (its document's layer named a group not yet there). */
  groupCreated: boolean;
};

/**
 * Saves one document's draft exactly as written, valid or not, and answers with its new
 * revision and its problems. Owners alone change guardrails; admins and owners the baseline and
 * groups, and saving a group's document creates the group if it is new. With `expectedRevision`
 * (the revision the writer started from), a draft someone else has saved since is not
 * overwritten: the save is refused with STALE_REVISION, naming who saved it.
 */
export async function savePolicyDraft({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: SavePolicyDraftInput }): Promise<SavedPolicyDraft> {
  assertRole(actor, 'admin');
  const { layer, source, format, expectedRevision } = parseInput(savePolicyDraftSchema, input);
  if (layer === 'guardrails') assertRole(actor, 'owner');
  checkStorable(source);
  const groups = await scopedDb({ prisma: db, orgId: actor.orgId }).policyGroup.findMany({
    select: { name: true },
  });
  const groupName = groupNameOfLayer(layer);
  const issues = findDraftIssues(layer, source, [
    ...groups.map((group) => group.name),
    ...(groupName === null ? [] : [groupName]),
  ]);
  const savedFormat = format ?? detectPolicyFormat(source);
  const updatedBy = describeAuthor(actor);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    // Saves and publishes of one org take turns, so a revision checked here is still current
    // when it is written, and a publish never reads half of two saves.
    await lockOrganization(tx, actor.orgId);
    const current = await tx.policyDocument.findFirst({
      where: { layer },
      select: { id: true, revision: true, updatedBy: true, updatedAt: true },
    });
    const currentRevision = current?.revision ?? 0;
    if (expectedRevision !== undefined && expectedRevision !== currentRevision) {
      throw staleDraft({ layer, expectedRevision, current });
    }
    const groupCreated = !current && groupName !== null;
    if (groupCreated) {
      await insertPolicyGroup(tx, { actor, name: groupName, description: '', ip });
    }
    const revision = currentRevision + 1;
    const data = { source, format: savedFormat, revision, updatedBy };
    const saved = await tx.policyDocument.upsert({
      where: { orgId_layer: { orgId: actor.orgId, layer } },
      create: { orgId: actor.orgId, layer, ...data },
      update: data,
      select: { updatedAt: true },
    });
    await recordPolicyActivity(tx, {
      actor,
      action: 'policy.draft_saved',
      target: layer,
      details: { revision },
      ip,
    });
    return {
      layer,
      format: savedFormat,
      revision,
      updatedBy,
      updatedAt: saved.updatedAt,
      issues,
      groupCreated,
    };
  });
}

// Text that the database would change or refuse cannot be kept byte for byte: say so instead.
function checkStorable(source: string): void {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > policyDocumentByteLimit) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `A policy document is at most 1 MB; this one is ${(bytes / 1024 / 1024).toFixed(1)} MB. Split its rules across groups.`,
    );
  }
  if (source.includes('\u0000')) {
    throw new AppError('INVALID_INPUT', 'A policy document cannot contain NUL characters.', {
      fieldErrors: { source: ['Remove the NUL characters (U+0000).'] },
    });
  }
  if (/\p{Cs}/u.test(source)) {
    throw new AppError('INVALID_INPUT', 'A policy document must be valid Unicode text.', {
      fieldErrors: { source: ['Remove the broken characters (unpaired surrogates).'] },
    });
  }
}

function staleDraft({
  layer,
  expectedRevision,
  current,
}: {
  layer: string;
  expectedRevision: number;
  current: { revision: number; updatedBy: string | null; updatedAt: Date } | null;
}): AppError {
  const revision = current?.revision ?? 0;
  if (expectedRevision > revision) {
    return new AppError(
      'STALE_REVISION',
      `${layer} has no revision ${expectedRevision} (it is at revision ${revision}${current ? '' : ', never saved'}): reload it and save again.`,
    );
  }
  const by = current?.updatedBy ? ` by ${current.updatedBy}` : '';
  const at = current ? ` at ${current.updatedAt.toISOString()}` : '';
  return new AppError(
    'STALE_REVISION',
    `${layer} was saved${by}${at} (revision ${revision}) after the revision ${expectedRevision} you started from. Reload it, reapply your changes and save again.`,
  );
}
