import {
  assertRole,
  inOrgTransaction,
  isUniqueViolation,
  type MemberContext,
  parseInput,
  recordActivity,
} from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { z } from 'zod';
import { domainSchema } from './email-domain';

export const claimDomainSchema = z.object({ domain: domainSchema });
export type ClaimDomainInput = z.input<typeof claimDomainSchema>;

export type OrgDomainRow = { id: string; domain: string; createdAt: Date };

const takenMessage = 'This domain is already claimed by an organization of this installation.';

/**
 * Claims an email domain for the actor's organization (owners only): "Sign in with SSO" finds
 * the organization by the domain of the email typed in, and an IdP may only sign in people of
 * the organization's claimed domains. A domain belongs to one organization per installation, so
 * a second claim is a conflict (409), whichever organization holds it.
 */
export async function claimDomain({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: ClaimDomainInput }): Promise<OrgDomainRow> {
  assertRole(actor, 'owner');
  const { domain } = parseInput(claimDomainSchema, input);
  try {
    return await inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
      const row = await tx.orgDomain.create({
        data: { orgId: actor.orgId, domain, createdByUserId: actor.userId },
        select: { id: true, domain: true, createdAt: true },
      });
      await recordActivity(tx, { actor, action: 'sso.domain_claimed', target: domain, ip });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', takenMessage, { fieldErrors: { domain: [takenMessage] } });
    }
    throw error;
  }
}
