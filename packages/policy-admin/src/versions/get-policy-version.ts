import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import type { PolicyCheckResult } from '../policy/check-policy';
import type { VersionDocument } from '../policy/policy-layer';
import { readVersionDocuments } from '../policy/read-version-documents';
import type { PolicyVersionRow } from './list-policy-versions';
import { type GetPolicyVersionInput, getPolicyVersionSchema } from './policy-version.schema';

export type PolicyVersionDetails = PolicyVersionRow & {
  documents: VersionDocument[];
  compileResult: PolicyCheckResult;
};

/** One published version with the source of every document. Auditors and up. */
export async function getPolicyVersion({
  db,
  actor,
  input,
}: Pick<MemberContext, 'db' | 'actor'> & {
  input: GetPolicyVersionInput;
}): Promise<PolicyVersionDetails> {
  assertRole(actor, 'auditor');
  const { version } = parseInput(getPolicyVersionSchema, input);
  const row = await scopedDb({ prisma: db, orgId: actor.orgId }).policyVersion.findUnique({
    where: { orgId_version: { orgId: actor.orgId, version } },
    select: {
      version: true,
      message: true,
      authorEmail: true,
      authorApiKeyId: true,
      rolledBackFrom: true,
      createdAt: true,
      documents: true,
      compileResult: true,
    },
  });
  if (!row) throw new AppError('NOT_FOUND', `There is no policy version ${version}.`);
  return {
    ...row,
    documents: readVersionDocuments(row.documents),
    compileResult: row.compileResult as PolicyCheckResult,
  };
}
