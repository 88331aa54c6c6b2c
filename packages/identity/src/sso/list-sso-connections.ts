import type { Actor } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import { type SsoConnectionView, toSsoConnectionView } from './sso-connection-view';

/** The organization's SSO connections, oldest first (every member may read them). */
export async function listSsoConnections({
  db,
  actor,
}: {
  db: PrismaClient;
  actor: Actor;
}): Promise<SsoConnectionView[]> {
  const rows = await scopedDb({ prisma: db, orgId: actor.orgId }).ssoConnection.findMany({
    orderBy: { createdAt: 'asc' },
  });
  return rows.map(toSsoConnectionView);
}

/** One connection of the actor's organization; NOT_FOUND for any other id. */
export async function getSsoConnection({
  db,
  actor,
  id,
}: {
  db: PrismaClient;
  actor: Actor;
  id: string;
}): Promise<SsoConnectionView> {
  const row = await scopedDb({ prisma: db, orgId: actor.orgId }).ssoConnection.findFirst({
    where: { id },
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such SSO connection in this organization.');
  return toSsoConnectionView(row);
}
