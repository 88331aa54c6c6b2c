import type { PrismaClient } from '@parapet/db';

// Every table the console's domains write (accounts; policy administration's groups, drafts,
// versions and people; distribution's keys, tokens, devices and bundles; audit's destinations,
// events and device chains). A refused call must leave all of them unchanged.
const tables = [
  'organizations',
  'users',
  'memberships',
  'accounts',
  'sessions',
  'verification_tokens',
  'invites',
  'sign_in_throttles',
  'activity_log',
  'activity_verified_positions',
  'policy_groups',
  'policy_documents',
  'policy_versions',
  'people',
  'person_groups',
  'api_keys',
  'signing_keys',
  'key_sets',
  'enrollment_tokens',
  'devices',
  'device_challenges',
  'bundles',
  'audit_destinations',
  'directories',
  'directory_groups',
  'directory_group_members',
  'directory_group_mappings',
  'directory_events',
  'org_domains',
  'sso_connections',
  'device_authorizations',
  'audit.events',
  'audit.device_chains',
] as const;

// Bookkeeping a refused call may still write: when an API key was last presented is noted once
// it authenticates, before the call is authorized (and perhaps refused).
const ignoredColumns: Partial<Record<(typeof tables)[number], string[]>> = {
  api_keys: ['last_used_at'],
};

/**
 * The full content of those tables, as one comparable string. Tests take one before and
 * one after a refused call and expect them equal: "nothing changed", checked row by row.
 */
export async function snapshotDatabase(prisma: PrismaClient): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const ignored = (ignoredColumns[table] ?? []).map((column) => ` - '${column}'`).join('');
    const row = `(to_jsonb(t)${ignored})::text`;
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT ${row} AS row FROM ${table} t ORDER BY ${row}`,
    );
    parts.push(`${table}:${rows.map((entry) => entry.row).join('\n')}`);
  }
  return parts.join('\n---\n');
}
