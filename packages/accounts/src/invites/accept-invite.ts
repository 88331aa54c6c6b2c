import type { Invite, PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { parseInput } from '../shared/parse-input';
import { hashPassword, verifyPassword } from '../shared/passwords';
import { hashSecretToken } from '../shared/tokens';
import {
  type IdentityTransaction,
  inIdentityTransaction,
  lockIdentity,
  lockOrganization,
  recordActivity,
} from '../shared/transactions';
import { isUniqueViolation } from '../shared/unique-violation';
import {
  type CheckOutcome,
  findPasswordLock,
  guardPasswordCheck,
} from '../sign-in/guard-password-check';
import { lockedError } from '../sign-in/locked-error';
import {
  type AcceptInviteInput,
  type AcceptInviteWithPasswordInput,
  acceptInviteSchema,
  acceptInviteWithPasswordSchema,
} from './accept-invite.schema';
import { inviteStatus, inviteStatusMessages } from './invite-policy';

export type AcceptedInvite = {
  userId: string;
  orgId: string;
  email: string;
  role: string;
  /** False when an account the person already had joined (they proved it with its password). */
  accountCreated: boolean;
};

type AcceptOptions<Input> = {
  db: PrismaClient;
  input: Input;
  ip?: string | undefined;
  now?: Date;
};

// Whoever holds an invite link, the admin who created it included, must not learn from it
// whether its email has an account elsewhere in the installation. So the page is the same
// either way (it offers "create your account" and "sign in to accept"), validation does not
// depend on it, each form does the same password work on both paths (a dummy verification when
// there is no account), and a password that opens no account gets one answer whether there is
// no account or the password is wrong, under the sign-in lockouts (which lock unknown emails
// too). What cannot be hidden is that creating an account succeeds only where there is none;
// that is no silent probe: it consumes the invite, makes the email a member of the admin's own
// organization and records `invite_accepted`. An invite never sets the password of an existing
// account (whoever holds the link would take the account over).
const wrongPassword = 'This is not the password of a Parapet account with this email address.';

/**
 * "Create your account and join": the invite's email gets a new account with this name and
 * password, joined to the organization with the invited role. If the email already has an
 * account (in another organization), the password must be that account's: then the account
 * joins, and the name given is ignored. An account that belongs to no organization (which
 * cannot sign in; a removal interrupted before removing was one transaction could leave one)
 * is replaced by the new one.
 */
export async function acceptInvite({
  db,
  input,
  ip,
  now = new Date(),
}: AcceptOptions<AcceptInviteInput>): Promise<AcceptedInvite> {
  const { token, name, password } = parseInput(acceptInviteSchema, input);
  const invite = await findPendingInvite({ db, token, now });
  // Hashed on every path, outside the transaction, so the answer takes as long either way.
  const newAccount = { name, passwordHash: await hashPassword(password) };
  return acceptGuarded({ db, invite, password, newAccount, ip, now });
}

/** "I already have an account": joins the account the invite's email has, with its password. */
export async function acceptInviteWithPassword({
  db,
  input,
  ip,
  now = new Date(),
}: AcceptOptions<AcceptInviteWithPasswordInput>): Promise<AcceptedInvite> {
  const { token, password } = parseInput(acceptInviteWithPasswordSchema, input);
  const invite = await findPendingInvite({ db, token, now });
  return acceptGuarded({ db, invite, password, newAccount: undefined, ip, now });
}

async function findPendingInvite({
  db,
  token,
  now,
}: {
  db: PrismaClient;
  token: string;
  now: Date;
}) {
  // Looking an invite up by its secret is the one read that cannot be scoped: the org is what
  // the token tells us. Everything after it is scoped to that org.
  const invite = await db.invite.findUnique({ where: { tokenHash: hashSecretToken(token) } });
  if (!invite) throw new AppError('INVITE_UNUSABLE', 'This invite link is not valid.');
  const status = inviteStatus(invite, now);
  if (status !== 'pending') throw new AppError('INVITE_UNUSABLE', inviteStatusMessages[status]);
  return invite;
}

type NewAccount = { name: string; passwordHash: string };

type AcceptAttempt = {
  invite: Invite;
  password: string;
  newAccount: NewAccount | undefined;
  ip: string | undefined;
  now: Date;
};

/**
 * The password is checked like a sign-in: a locked counter refuses before the password is looked
 * at, the password is verified before the transaction (argon2 inside it would hold a pooled
 * connection and the counters' locks, see signInWithPassword), and the transaction, under the
 * per-address and per-account limits with failures committed (guardPasswordCheck), re-reads the
 * account and changes it and the membership together.
 */
async function acceptGuarded({
  db,
  ...attempt
}: AcceptAttempt & { db: PrismaClient }): Promise<AcceptedInvite> {
  const { invite, ip, now, password } = attempt;
  const lock = await findPasswordLock({ db, email: invite.email, ip, now });
  if (lock) throw lockedError({ lock, now });
  const user = await db.user.findUnique({
    where: { email: invite.email },
    select: { passwordHash: true, memberships: { select: { orgId: true }, take: 1 } },
  });
  // An account in no organization cannot sign in (see signInWithPassword): it counts as none.
  // One verification on every path (against a dummy hash when there is no account), so the
  // time taken does not tell whether the email has an account either.
  const account = user && user.memberships.length > 0 ? user : undefined;
  const matches = await verifyPassword({ passwordHash: account?.passwordHash, password });
  const verifiedHash = matches ? (account?.passwordHash ?? undefined) : undefined;
  try {
    const guarded = await inIdentityTransaction({ db, orgId: invite.orgId }, (transaction) =>
      guardPasswordCheck({
        tx: transaction.identityTx,
        email: invite.email,
        ip,
        now,
        trigger: 'sign_in',
        check: () => checkAndJoin({ ...transaction, ...attempt, verifiedHash }),
      }),
    );
    if (guarded.outcome === 'passed') return guarded.result;
    if (guarded.lock) throw lockedError({ lock: guarded.lock, now });
    throw new AppError('INVALID_CREDENTIALS', wrongPassword);
  } catch (error) {
    // Someone else created an account for this email a moment ago (first-run setup takes no
    // identity lock): it is an account this password does not open.
    if (isUniqueViolation(error)) throw new AppError('INVALID_CREDENTIALS', wrongPassword);
    throw error;
  }
}

async function checkAndJoin({
  orgTx,
  identityTx,
  invite,
  verifiedHash,
  newAccount,
  ip,
  now,
}: IdentityTransaction &
  AcceptAttempt & {
    /** The hash the password matched before the transaction; undefined when it matched none. */
    verifiedHash: string | undefined;
  }): Promise<CheckOutcome<AcceptedInvite>> {
  await lockOrganization(orgTx, invite.orgId);
  await lockIdentity(identityTx, invite.email);
  // Read again under the locks: a concurrent accept or revoke may have committed meanwhile.
  const current = await orgTx.invite.findFirst({ where: { id: invite.id } });
  const status = current ? inviteStatus(current, now) : 'revoked';
  if (status !== 'pending') throw new AppError('INVITE_UNUSABLE', inviteStatusMessages[status]);

  const user = await identityTx.user.findUnique({
    where: { email: invite.email },
    select: { id: true, passwordHash: true, memberships: { select: { orgId: true } } },
  });
  const orgIds = user?.memberships.map((membership) => membership.orgId) ?? [];
  const account = user && orgIds.length > 0 ? user : undefined;
  // The password matched before the transaction; it must still be the account's password.
  const passwordMatches = verifiedHash !== undefined && account?.passwordHash === verifiedHash;

  let userId: string;
  if (account) {
    if (!passwordMatches) return { passed: false, orgIds };
    if (orgIds.includes(invite.orgId)) {
      throw new AppError('CONFLICT', 'You are already a member of this organization. Sign in.');
    }
    userId = account.id;
  } else {
    if (!newAccount) return { passed: false, orgIds: [] };
    // Deleting the leftover takes its sessions and linked sign-ins with it.
    if (user) await identityTx.user.delete({ where: { id: user.id } });
    const created = await identityTx.user.create({ data: { email: invite.email, ...newAccount } });
    userId = created.id;
  }

  const { count } = await orgTx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (count === 0) throw new AppError('INVITE_UNUSABLE', inviteStatusMessages.accepted);
  await orgTx.membership.create({ data: { orgId: invite.orgId, userId, role: invite.role } });
  await recordActivity(orgTx, {
    orgId: invite.orgId,
    actorUserId: userId,
    actorEmail: invite.email,
    action: 'invite_accepted',
    target: invite.email,
    details: { role: invite.role },
    ip,
  });
  return {
    passed: true,
    result: {
      userId,
      orgId: invite.orgId,
      email: invite.email,
      role: invite.role,
      accountCreated: account === undefined,
    },
  };
}
