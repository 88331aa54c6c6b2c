import type { OrgTransaction } from '@parapet/accounts';
import type { Prisma } from '@parapet/db';

// The per-connection event log: what a directory's SCIM requests changed or were refused, and
// why, for the console. Written in the transaction of the change it records (so a rolled-back
// change leaves no "ok" event), or on its own for a refusal. Never holds a token: summaries are
// built from resource names and reasons only.

export type DirectoryEventOutcome = 'ok' | 'refused' | 'error';

export type DirectoryEventInput = {
  orgId: string;
  directoryId: string;
  action: string;
  outcome: DirectoryEventOutcome;
  method: string;
  path: string;
  status: number;
  resourceType?: 'User' | 'Group' | undefined;
  resourceId?: string | undefined;
  summary: string;
  detail?: Prisma.InputJsonValue | undefined;
  at?: Date | undefined;
};

type EventWriter = Pick<OrgTransaction, 'directoryEvent' | 'directory'>;

const clip = (text: string, max: number) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in Postgres text.
  (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\u0000/g, '');

/**
 * Appends one event and keeps the directory's counters: a refused or failed request counts as
 * a request and an error (its own transaction, if any, rolled back with its count), and a
 * change moves the last sync time (the change's transaction counted the request).
 */
export async function recordDirectoryEvent(tx: EventWriter, event: DirectoryEventInput) {
  const at = event.at ?? new Date();
  await tx.directoryEvent.create({
    data: {
      orgId: event.orgId,
      directoryId: event.directoryId,
      at,
      action: clip(event.action, 40),
      outcome: event.outcome,
      method: clip(event.method, 10),
      path: clip(event.path, 500),
      status: event.status,
      resourceType: event.resourceType ?? null,
      resourceId: event.resourceId ?? null,
      summary: clip(event.summary, 500),
      ...(event.detail === undefined ? {} : { detail: event.detail }),
    },
  });
  const failed = event.outcome !== 'ok';
  await tx.directory.update({
    where: { id: event.directoryId },
    data: failed
      ? { errorCount: { increment: 1 }, requestCount: { increment: 1 }, lastErrorAt: at }
      : { lastSyncAt: at },
    select: { id: true },
  });
}
