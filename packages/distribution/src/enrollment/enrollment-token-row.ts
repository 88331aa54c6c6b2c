import type { Prisma } from '@parapet/db';

export type EnrollmentTokenState = 'active' | 'used' | 'expired' | 'revoked';

/** An enrollment token as anyone may see it: never the token, only its first characters. */
export type EnrollmentTokenRow = {
  id: string;
  name: string | null;
  prefix: string;
  person: { email: string; active: boolean } | null;
  groups: string[];
  reusable: boolean;
  expiresAt: Date;
  uses: number;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  /** The email of the member who created it. */
  createdBy: string | null;
  state: EnrollmentTokenState;
};

export const enrollmentTokenSelect = {
  id: true,
  name: true,
  tokenPrefix: true,
  person: { select: { email: true, active: true } },
  groups: true,
  reusable: true,
  expiresAt: true,
  uses: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  createdByEmail: true,
} satisfies Prisma.EnrollmentTokenSelect;

type SelectedToken = Prisma.EnrollmentTokenGetPayload<{ select: typeof enrollmentTokenSelect }>;

export function toEnrollmentTokenRow(token: SelectedToken, now: Date): EnrollmentTokenRow {
  return {
    id: token.id,
    name: token.name,
    prefix: token.tokenPrefix,
    person: token.person,
    groups: token.groups,
    reusable: token.reusable,
    expiresAt: token.expiresAt,
    uses: token.uses,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    createdAt: token.createdAt,
    createdBy: token.createdByEmail,
    state: enrollmentTokenState(token, now),
  };
}

function enrollmentTokenState(token: SelectedToken, now: Date): EnrollmentTokenState {
  if (token.revokedAt) return 'revoked';
  if (!token.reusable && token.uses > 0) return 'used';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
