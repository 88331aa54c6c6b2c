import type { Prisma } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';

/**
 * What else a new organization gets in the same commit: the console and the operator's command
 * pass @parapet/distribution's ensureOrgSigningKeys, so key set 1 is made with the org. Handed
 * in rather than imported because distribution depends on accounts, not the other way round.
 */
export type ProvisionOrganization = (
  tx: Prisma.TransactionClient,
  options: { orgId: string },
) => Promise<unknown>;

/** How an organization came to be, recorded in its first activity entry. */
export type OrganizationOrigin = 'operator' | 'self-service';

/**
 * Inserts an organization, provisions it and writes the first entry of its activity log
 * (`setup`, as first-run setup does, with `via` saying who created it), all in the caller's
 * transaction. `actor` is the person who created it; the operator's command has none.
 */
export async function insertOrganization(
  tx: Prisma.TransactionClient,
  {
    name,
    via,
    owner,
    actor,
    ip,
    provisionOrganization,
  }: {
    name: string;
    via: OrganizationOrigin;
    /** The first owner's email (an invitee, for the operator's command). */
    owner: string;
    actor: { userId: string; email: string } | undefined;
    ip?: string | undefined;
    provisionOrganization: ProvisionOrganization | undefined;
  },
): Promise<string> {
  const organization = await tx.organization.create({ data: { name } });
  await provisionOrganization?.(tx, { orgId: organization.id });
  await appendActivity(tx, {
    orgId: organization.id,
    actorUserId: actor?.userId ?? null,
    actorEmail: actor?.email ?? null,
    action: 'setup',
    target: name,
    details: { organization: name, owner, via },
    ip,
  });
  return organization.id;
}
