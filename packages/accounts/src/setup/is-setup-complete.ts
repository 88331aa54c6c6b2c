import type { PrismaClient } from '@parapet/db';

/**
 * Whether the installation has an owner. While it has none, `/setup` is open; afterwards it is
 * closed for good. This asks about the whole installation, so it is deliberately not scoped to
 * one organization.
 */
export async function isSetupComplete({ db }: { db: PrismaClient }): Promise<boolean> {
  const owner = await db.membership.findFirst({ where: { role: 'owner' }, select: { id: true } });
  return owner !== null;
}
