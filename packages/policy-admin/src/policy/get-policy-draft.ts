import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import type { PolicyFormat } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import type { PolicyIssue } from '@parapet/policy';
import { findDraftIssues } from './describe-draft';
import { groupNameOfLayer, type PolicyLayer } from './policy-layer';
import { type GetPolicyDraftInput, getPolicyDraftSchema } from './save-policy-draft.schema';

export type PolicyDraft = {
  layer: PolicyLayer;
  source: string;
  format: PolicyFormat;
  /** Grows on every save; 0 for a document never saved. */
  revision: number;
  updatedBy: string | null;
  updatedAt: Date | null;
  /** What publishing would refuse in this document alone (the whole org is checked at publish). */
  issues: PolicyIssue[];
};

/** One document's working draft with its problems. Auditors and up. */
export async function getPolicyDraft({
  db,
  actor,
  input,
}: Pick<MemberContext, 'db' | 'actor'> & { input: GetPolicyDraftInput }): Promise<PolicyDraft> {
  assertRole(actor, 'auditor');
  const { layer } = parseInput(getPolicyDraftSchema, input);
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const [document, groups] = await Promise.all([
    scoped.policyDocument.findFirst({
      where: { layer },
      select: { source: true, format: true, revision: true, updatedBy: true, updatedAt: true },
    }),
    scoped.policyGroup.findMany({ select: { name: true } }),
  ]);
  if (!document) {
    const groupName = groupNameOfLayer(layer);
    if (groupName !== null) {
      throw new AppError('NOT_FOUND', `There is no group named "${groupName}".`);
    }
    return {
      layer,
      source: '',
      format: 'yaml',
      revision: 0,
      updatedBy: null,
      updatedAt: null,
      issues: [],
    };
  }
  return {
    layer,
    ...document,
    // A document created with its group but never saved has no author yet.
    updatedAt: document.revision === 0 ? null : document.updatedAt,
    issues: findDraftIssues(
      layer,
      document.source,
      groups.map((group) => group.name),
    ),
  };
}
