import {
  assertRole,
  inOrgTransaction,
  type MemberContext,
  parseInput,
  recordActivity,
} from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { z } from 'zod';

export const releaseDomainSchema = z.object({ id: z.uuid() });

/**
 * Releases a claimed domain (owners only). People of that domain can no longer find the
 * organization with "Sign in with SSO", nor be signed in by its IdPs; their existing memberships
 * and sessions stay.
 */
export async function releaseDomain({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: { id: string } }): Promise<void> {
  assertRole(actor, 'owner');
  const { id } = parseInput(releaseDomainSchema, input);
  await inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const row = await tx.orgDomain.findFirst({ where: { id }, select: { domain: true } });
    if (!row) throw new AppError('NOT_FOUND', 'No such domain in this organization.');
    await tx.orgDomain.deleteMany({ where: { id } });
    await recordActivity(tx, { actor, action: 'sso.domain_released', target: row.domain, ip });
  });
}
