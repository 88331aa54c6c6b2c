import type { AuditEvent } from '../event/audit-event-schema';

/**
 * What a decision did, once mode is taken into account: an audit-mode deny or ask did not
 * stop anything (the activity went ahead and was only observed), so every format reports it
 * apart from an enforced one.
 */
export type DecisionEffect = 'allowed' | 'denied' | 'asked' | 'observed';

export function decisionEffect(event: Pick<AuditEvent, 'decision' | 'mode'>): DecisionEffect {
  if (event.decision === 'allow') return 'allowed';
  if (event.mode === 'audit') return 'observed';
  return event.decision === 'deny' ? 'denied' : 'asked';
}

/** What an admin action did to its target, read from the verb its identifier ends with. */
export type AdminChange = 'creation' | 'change' | 'deletion';

const creationVerbs =
  /(?:^|[._])(?:create|created|add|added|invite|invited|import|imported|enroll|enrolled|setup|register|registered)$/;
const deletionVerbs =
  /(?:^|[._])(?:delete|deleted|remove|removed|revoke|revoked|retire|retired|deactivate|deactivated)$/;

/**
 * The console and the admin API log only changes (reads are not audited), so an action whose
 * verb is neither a creation nor a deletion is a change: `policy.published`, `signing_key.rotated`.
 */
export function adminChange(action: string): AdminChange {
  if (creationVerbs.test(action)) return 'creation';
  if (deletionVerbs.test(action)) return 'deletion';
  return 'change';
}

/** RFC 5424 severities Parapet uses: warning for a denial, notice for a prompt or an admin change. */
export type SyslogSeverity = 4 | 5 | 6;

export function recordSeverity(
  record: { kind: 'admin' } | { kind: 'decision'; event: Pick<AuditEvent, 'decision'> },
): SyslogSeverity {
  if (record.kind === 'admin') return 5;
  switch (record.event.decision) {
    case 'deny':
      return 4;
    case 'ask':
      return 5;
    case 'allow':
      return 6;
  }
}
