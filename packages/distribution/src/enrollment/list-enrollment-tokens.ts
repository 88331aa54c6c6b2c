import { assertRole, type MemberContext } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import {
  type EnrollmentTokenRow,
  enrollmentTokenSelect,
  toEnrollmentTokenRow,
} from './enrollment-token-row';

/** The organization's enrollment tokens, newest first, used and revoked ones included. */
export async function listEnrollmentTokens({
  db,
  actor,
  now = new Date(),
}: Omit<MemberContext, 'ip'>): Promise<EnrollmentTokenRow[]> {
  assertRole(actor, 'auditor');
  const tokens = await scopedDb({ prisma: db, orgId: actor.orgId }).enrollmentToken.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: enrollmentTokenSelect,
  });
  return tokens.map((token) => toEnrollmentTokenRow(token, now));
}
