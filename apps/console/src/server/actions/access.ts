import type { Role } from '@parapet/db';

/**
 * Who may call an action or route. `public` must state why (the isolation test lists every
 * public entry point, so making one public is a visible decision); `session` needs a signed-in
 * person; `member` needs membership in the organization named by the input's `orgId`, with at
 * least `minRole`.
 */
export type PublicAccess = { kind: 'public'; reason: string };
export type SessionAccess = { kind: 'session' };
export type MemberAccess = { kind: 'member'; minRole: Role };
export type Access = PublicAccess | SessionAccess | MemberAccess;

export function publicAccess(reason: string): PublicAccess {
  return { kind: 'public', reason };
}

export const sessionAccess: SessionAccess = { kind: 'session' };

export function memberAccess(minRole: Role): MemberAccess {
  return { kind: 'member', minRole };
}
