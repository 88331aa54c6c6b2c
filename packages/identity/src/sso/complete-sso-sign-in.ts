import type { Prisma, PrismaClient, Role } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import { AppError } from '@parapet/errors';
import { z } from 'zod';
import { applyJitMembership } from './apply-jit-membership';
import { emailDomain } from './email-domain';
import { mapSsoRole } from './map-sso-role';
import { toSsoConnectionView } from './sso-connection-view';

/** What an IdP said about the person, whatever the protocol. */
export const ssoProfileSchema = z.object({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  name: z.string().trim().max(200).optional(),
  attributes: z.record(z.string(), z.array(z.string())).default({}),
});
export type SsoProfile = z.input<typeof ssoProfileSchema>;

export type SsoSignInResult = {
  userId: string;
  email: string;
  orgId: string;
  connectionId: string;
  /** The person's console role in the organization now; null: signed in, no console access. */
  role: Role | null;
};

const refused = (message: string) => new AppError('FORBIDDEN', message);

/**
 * Completes a sign-in an IdP has vouched for, whatever the protocol: checks the connection is
 * enabled and the email's domain is claimed by the connection's organization (an IdP cannot sign
 * in people of other domains), maps the IdP's attributes to a console role, creates the account
 * if new (no password) and the membership just in time (applyJitMembership), and records the
 * sign-in in the organization's activity log, all in one transaction. Starting the session is
 * the caller's next step (startSsoSession), so it carries the connection.
 */
export async function completeSsoSignIn({
  db,
  connectionId,
  profile,
  ip,
}: {
  db: PrismaClient;
  connectionId: string;
  profile: SsoProfile;
  ip?: string | undefined;
}): Promise<SsoSignInResult> {
  const parsed = ssoProfileSchema.safeParse(profile);
  if (!parsed.success) throw refused('The identity provider did not send a valid email address.');
  const { email, name, attributes } = parsed.data;
  const domain = emailDomain(email);
  return db.$transaction(async (tx) => {
    const row = await tx.ssoConnection.findUnique({ where: { id: connectionId } });
    if (!row?.enabled) throw refused('This SSO connection is not enabled.');
    const claim = await tx.orgDomain.findUnique({ where: { domain }, select: { orgId: true } });
    if (claim?.orgId !== row.orgId) {
      throw refused(
        `${domain} is not a domain of the organization this SSO connection belongs to.`,
      );
    }
    const connection = toSsoConnectionView(row);
    const mappedRole = mapSsoRole({
      mappings: connection.roleMappings,
      defaultRole: connection.defaultRole,
      attributes,
    });
    await lockForSignIn(tx, row.orgId, email);
    const user = await findOrCreateUser(tx, email, name);
    const role = await applyJitMembership({
      tx,
      orgId: row.orgId,
      user: { id: user.id, email },
      connection: { id: row.id, name: row.name },
      mappedRole,
      ip,
    });
    await appendActivity(tx, {
      orgId: row.orgId,
      actorUserId: user.id,
      actorEmail: email,
      action: 'sign_in',
      target: email,
      details: { method: 'sso', protocol: row.protocol, connectionId: row.id, role },
      ip,
    });
    return { userId: user.id, email, orgId: row.orgId, connectionId: row.id, role };
  });
}

/**
 * The organization's row lock (last-owner checks are atomic with the change) and then the
 * person's identity lock, in the order every accounts writer takes them.
 */
async function lockForSignIn(tx: Prisma.TransactionClient, orgId: string, email: string) {
  await tx.organization.update({
    where: { id: orgId },
    data: { lastActivitySeq: { increment: 0 } },
    select: { id: true },
  });
  const key = `identity:${email}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

async function findOrCreateUser(tx: Prisma.TransactionClient, email: string, name?: string) {
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!existing)
    return tx.user.create({ data: { email, name: name ?? null }, select: { id: true } });
  if (!existing.name && name) await tx.user.update({ where: { id: existing.id }, data: { name } });
  return existing;
}
