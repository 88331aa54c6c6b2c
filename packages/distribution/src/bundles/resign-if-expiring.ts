import type { PrismaClient } from '@parapet/db';

export const defaultBundleTtlSeconds = 86_400;

export type Resigning = { resigned: boolean; ver: number };

/**
 * Starts a new bundle generation when the current one's oldest bundle has less than half its
 * lifetime (`ttlSeconds`) left, so devices get re-signed bundles long before theirs expire.
 * Compare-and-set on the generation: when replicas race, exactly one bumps it and the others
 * see `resigned: false` with the new `ver`.
 */
export async function resignIfExpiring({
  db,
  orgId,
  now = new Date(),
  ttlSeconds = defaultBundleTtlSeconds,
}: {
  db: PrismaClient;
  orgId: string;
  now?: Date;
  ttlSeconds?: number;
}): Promise<Resigning> {
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { bundleVer: true },
  });
  const ver = organization.bundleVer;
  const oldest = await db.bundle.findFirst({
    where: { orgId, ver },
    orderBy: { exp: 'asc' },
    select: { exp: true },
  });
  if (!oldest || oldest.exp.getTime() - now.getTime() > (ttlSeconds * 1000) / 2) {
    return { resigned: false, ver };
  }
  const { count } = await db.organization.updateMany({
    where: { id: orgId, bundleVer: ver },
    data: { bundleVer: { increment: 1 } },
  });
  if (count === 1) return { resigned: true, ver: ver + 1 };
  const current = await db.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { bundleVer: true },
  });
  return { resigned: false, ver: current.bundleVer };
}
