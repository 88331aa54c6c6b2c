import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { recordDistributionActivity } from '../shared/record-distribution-activity';
import {
  type EnrollmentTokenRow,
  enrollmentTokenSelect,
  toEnrollmentTokenRow,
} from './enrollment-token-row';
import {
  type RevokeEnrollmentTokenInput,
  revokeEnrollmentTokenSchema,
} from './revoke-enrollment-token.schema';

/**
 * Revokes an enrollment token: no device enrolls with it any more. Devices it enrolled stay
 * enrolled (revoke those one by one). Admins and up.
 */
export async function revokeEnrollmentToken({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: MemberContext & { input: RevokeEnrollmentTokenInput }): Promise<EnrollmentTokenRow> {
  assertRole(actor, 'admin');
  const { id } = parseInput(revokeEnrollmentTokenSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    // The conditional update makes two revocations exclusive: the second finds nothing to do.
    const { count } = await tx.enrollmentToken.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now },
    });
    const token = await tx.enrollmentToken.findFirst({
      where: { id },
      select: enrollmentTokenSelect,
    });
    if (!token) throw new AppError('NOT_FOUND', 'This enrollment token does not exist.');
    if (count === 0) throw new AppError('CONFLICT', 'This enrollment token is already revoked.');
    await recordDistributionActivity(tx, {
      actor,
      action: 'enrollment_token.revoked',
      target: token.name ?? token.tokenPrefix,
      details: { tokenId: token.id, prefix: token.tokenPrefix },
      ip,
    });
    return toEnrollmentTokenRow(token, now);
  });
}
