import type { PrismaClient } from '@parapet/db';

/**
 * Empties a test database of every organization and account, as before first-run setup. The
 * activity log and the published policy versions refuse deletion through their triggers, so they
 * are switched off for the moment:
 * only ever in a test's own database.
 */
export async function resetInstallation(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction([
    prisma.$executeRawUnsafe('ALTER TABLE activity_log DISABLE TRIGGER USER'),
    prisma.$executeRawUnsafe('ALTER TABLE policy_versions DISABLE TRIGGER USER'),
    prisma.$executeRawUnsafe(
      'TRUNCATE device_authorizations, sso_connections, org_domains, directory_events, directory_group_mappings, directory_group_members, directory_groups, directories, audit_destinations, audit.events, audit.device_chains, activity_log, activity_verified_positions, bundles, device_challenges, devices, enrollment_tokens, key_sets, signing_keys, policy_versions, policy_documents, person_groups, people, policy_groups, api_keys, invites, memberships, sessions, accounts, users, organizations, sign_in_throttles',
    ),
    prisma.$executeRawUnsafe('ALTER TABLE policy_versions ENABLE TRIGGER USER'),
    prisma.$executeRawUnsafe('ALTER TABLE activity_log ENABLE TRIGGER USER'),
  ]);
}
