import { assertRole, type MemberContext } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';

export type PolicyVersionRow = {
  version: number;
  message: string;
  authorEmail: string | null;
  authorApiKeyId: string | null;
  /** The version whose content this one republished, for a rollback. */
  rolledBackFrom: number | null;
  createdAt: Date;
};

/** The organization's published versions, newest first. Auditors and up. */
export async function listPolicyVersions({
  db,
  actor,
}: Pick<MemberContext, 'db' | 'actor'>): Promise<PolicyVersionRow[]> {
  assertRole(actor, 'auditor');
  return scopedDb({ prisma: db, orgId: actor.orgId }).policyVersion.findMany({
    orderBy: { version: 'desc' },
    select: {
      version: true,
      message: true,
      authorEmail: true,
      authorApiKeyId: true,
      rolledBackFrom: true,
      createdAt: true,
    },
  });
}
