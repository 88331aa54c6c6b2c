import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { checkPolicy } from './check-policy';
import { toPolicySources } from './load-policy-sources';
import { type PublishPolicyInput, publishPolicySchema } from './publish-policy.schema';
import { readDraftDocuments, sameRevisions } from './read-draft-documents';
import { takeNextPolicyVersion, writePolicyVersion } from './write-policy-version';

export type PublishedPolicy = { version: number; createdAt: Date };

/**
 * Publishes the organization's drafts as its next version, if the whole policy compiles and
 * every test of every layer passes (otherwise POLICY_INVALID or POLICY_TESTS_FAILED, listing
 * every problem). Compiling happens outside the transaction, so a large policy does not hold the
 * organization's lock; inside it, the drafts are read again and, if any changed meanwhile, the
 * publish is refused (STALE_REVISION) rather than publishing something that was not checked.
 * Admins and owners.
 */
export async function publishPolicy({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: PublishPolicyInput }): Promise<PublishedPolicy> {
  assertRole(actor, 'admin');
  const { message, expectedRevisions } = parseInput(publishPolicySchema, input);
  const drafts = await readDraftDocuments(scopedDb({ prisma: db, orgId: actor.orgId }));
  for (const expected of expectedRevisions ?? []) {
    const draft = drafts.find((document) => document.layer === expected.layer);
    // A guardrails or baseline document never saved has no row: it is at revision 0.
    const fixedLayer = expected.layer === 'guardrails' || expected.layer === 'baseline';
    const current = draft?.revision ?? (fixedLayer ? 0 : undefined);
    if (current !== expected.revision) {
      throw new AppError(
        'STALE_REVISION',
        `${expected.layer} ${current === undefined ? 'no longer exists' : `is at revision ${current}`}, not the revision ${expected.revision} you reviewed: review it again before publishing.`,
      );
    }
  }
  const compileResult = checkPolicy(toPolicySources(drafts, []));
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const version = await takeNextPolicyVersion(tx, actor.orgId);
    if (!sameRevisions(drafts, await readDraftDocuments(tx))) throw changedWhilePublishing();
    return writePolicyVersion(tx, {
      actor,
      version,
      message,
      documents: drafts,
      compileResult,
      rolledBackFrom: null,
      ip,
    });
  });
}

function changedWhilePublishing(): AppError {
  return new AppError(
    'STALE_REVISION',
    'A draft was saved, or a group added or deleted, while this version was being checked; nothing was published. Review the drafts and publish again.',
  );
}
