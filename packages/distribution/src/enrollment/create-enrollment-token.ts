import {
  assertRole,
  inOrgTransaction,
  type MemberContext,
  type OrgTransaction,
  parseInput,
} from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { recordDistributionActivity } from '../shared/record-distribution-activity';
import {
  type CreateEnrollmentTokenInput,
  createEnrollmentTokenSchema,
  defaultEnrollmentTokenLifetimeMs,
  maxEnrollmentTokenLifetimeMs,
} from './create-enrollment-token.schema';
import { newEnrollmentToken } from './enrollment-token-format';
import {
  type EnrollmentTokenRow,
  enrollmentTokenSelect,
  toEnrollmentTokenRow,
} from './enrollment-token-row';

export type CreatedEnrollmentToken = EnrollmentTokenRow & {
  /** The secret. Returned once; only its SHA-256 and its first characters are stored. */
  token: string;
};

/**
 * Creates an enrollment token for one person's devices or for a fleet. The person must be an
 * active person of the directory and every group a group of the organization: a token that
 * silently enrolled devices with fewer grants than intended would be found out by nobody.
 * Admins and up.
 */
export async function createEnrollmentToken({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: MemberContext & { input: CreateEnrollmentTokenInput }): Promise<CreatedEnrollmentToken> {
  assertRole(actor, 'admin');
  const { name, person, groups, reusable, expiresAt } = parseInput(
    createEnrollmentTokenSchema,
    input,
  );
  const expiry = tokenExpiry({ expiresAt, now });
  const { token, tokenHash, tokenPrefix } = newEnrollmentToken();
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const personId = person === undefined ? null : await activePersonId(tx, person);
    await assertGroupsExist(tx, groups);
    const created = await tx.enrollmentToken.create({
      data: {
        orgId: actor.orgId,
        tokenHash,
        tokenPrefix,
        name: name ?? null,
        personId,
        groups,
        reusable,
        expiresAt: expiry,
        createdByUserId: actor.userId,
        createdByEmail: actor.email,
        createdAt: now,
      },
      select: enrollmentTokenSelect,
    });
    await recordDistributionActivity(tx, {
      actor,
      action: 'enrollment_token.created',
      target: name ?? tokenPrefix,
      details: {
        tokenId: created.id,
        prefix: tokenPrefix,
        person: person ?? null,
        groups,
        reusable,
        expiresAt: expiry.toISOString(),
      },
      ip,
    });
    return { ...toEnrollmentTokenRow(created, now), token };
  });
}

function tokenExpiry({ expiresAt, now }: { expiresAt: string | undefined; now: Date }): Date {
  if (expiresAt === undefined) return new Date(now.getTime() + defaultEnrollmentTokenLifetimeMs);
  const expiry = new Date(expiresAt);
  const problem =
    expiry.getTime() <= now.getTime()
      ? 'Choose a time in the future.'
      : expiry.getTime() > now.getTime() + maxEnrollmentTokenLifetimeMs
        ? 'A token expires within a year.'
        : undefined;
  if (problem) {
    throw new AppError('INVALID_INPUT', 'Please correct the highlighted fields.', {
      fieldErrors: { expiresAt: [problem] },
    });
  }
  return expiry;
}

async function activePersonId(tx: OrgTransaction, email: string): Promise<string> {
  const found = await tx.person.findFirst({ where: { email }, select: { id: true, active: true } });
  const problem = !found
    ? `${email} is not in the directory.`
    : !found.active
      ? `${email} is deactivated in the directory.`
      : undefined;
  if (problem || !found) {
    throw new AppError('INVALID_INPUT', problem ?? 'Choose a person.', {
      fieldErrors: { person: [problem ?? 'Choose a person.'] },
    });
  }
  return found.id;
}

async function assertGroupsExist(tx: OrgTransaction, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const found = await tx.policyGroup.findMany({
    where: { name: { in: [...names] } },
    select: { name: true },
  });
  const known = new Set(found.map((group) => group.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const quoted = unknown.map((name) => `"${name}"`).join(', ');
  const message =
    unknown.length === 1
      ? `There is no group named ${quoted}.`
      : `There are no groups named ${quoted}.`;
  throw new AppError('INVALID_INPUT', message, { fieldErrors: { groups: [message] } });
}
