import type { Actor, OrgTransaction } from '@parapet/accounts';
import type { Prisma } from '@parapet/db';
import type { PolicyCheckResult } from './check-policy';
import type { VersionDocument } from './policy-layer';
import { recordPolicyActivity } from './record-policy-activity';

/**
 * Takes the organization's next version number. Incrementing first locks the organization's
 * row until the transaction ends, so publishes (and saves, which take the same lock) take turns
 * and versions only grow; a transaction that fails gives the number back.
 */
export async function takeNextPolicyVersion(tx: OrgTransaction, orgId: string): Promise<number> {
  const { lastPolicyVersion } = await tx.organization.update({
    where: { id: orgId },
    data: { lastPolicyVersion: { increment: 1 } },
    select: { lastPolicyVersion: true },
  });
  return lastPolicyVersion;
}

/**
 * Writes a published version and its activity entry in the caller's transaction: both commit,
 * or neither does.
 */
export async function writePolicyVersion(
  tx: OrgTransaction,
  {
    actor,
    version,
    message,
    documents,
    compileResult,
    rolledBackFrom,
    ip,
  }: {
    actor: Actor;
    version: number;
    message: string;
    documents: readonly VersionDocument[];
    compileResult: PolicyCheckResult;
    rolledBackFrom: number | null;
    ip: string | undefined;
  },
): Promise<{ version: number; createdAt: Date }> {
  const row = await tx.policyVersion.create({
    data: {
      orgId: actor.orgId,
      version,
      message,
      documents: documents as unknown as Prisma.InputJsonValue,
      compileResult: compileResult as unknown as Prisma.InputJsonValue,
      authorUserId: actor.userId,
      authorEmail: actor.email,
      authorApiKeyId: actor.apiKey?.id ?? null,
      rolledBackFrom,
    },
    select: { version: true, createdAt: true },
  });
  await recordPolicyActivity(tx, {
    actor,
    action: rolledBackFrom === null ? 'policy.published' : 'policy.rolled_back',
    target: `v${version}`,
    details: rolledBackFrom === null ? { message } : { message, from: `v${rolledBackFrom}` },
    ip,
  });
  return row;
}
