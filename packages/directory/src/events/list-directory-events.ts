import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { idField } from '@parapet/accounts/schemas';
import type { Prisma } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { z } from 'zod';
import { directoryNotFound } from '../directories/directory-view';

export const directoryEventOutcomes = ['ok', 'refused', 'error'] as const;

// A page's position: the last event's time and id, as `<ISO time>_<uuid>`. Events are read
// newest first by (at, id), so a page never repeats or skips an event written meanwhile.
const cursorField = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/,
    'This page position is not valid; start again from the first page.',
  );

const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export const listDirectoryEventsSchema = z.strictObject({
  id: idField,
  outcome: z.preprocess(blankAsUndefined, z.enum(directoryEventOutcomes).optional()),
  cursor: z.preprocess(blankAsUndefined, cursorField.optional()),
  limit: z.preprocess(
    blankAsUndefined,
    z.coerce.number().int().min(1).max(200, 'Ask for at most 200 events.').default(50),
  ),
});
export type ListDirectoryEventsInput = z.input<typeof listDirectoryEventsSchema>;

export type DirectoryEventView = {
  id: string;
  at: Date;
  action: string;
  outcome: string;
  method: string;
  path: string;
  status: number;
  resourceType: string | null;
  resourceId: string | null;
  summary: string;
  detail: Prisma.JsonValue;
};

export type DirectoryEventsPage = { events: DirectoryEventView[]; nextCursor: string | null };

/**
 * One page of a directory's event log, newest first, optionally only one outcome (`refused`
 * shows what the IdP sent that was turned away, and why). Auditors and up.
 */
export async function listDirectoryEvents({
  db,
  actor,
  input,
}: Omit<MemberContext, 'ip'> & { input: ListDirectoryEventsInput }): Promise<DirectoryEventsPage> {
  assertRole(actor, 'auditor');
  const { id, outcome, cursor, limit } = parseInput(listDirectoryEventsSchema, input);
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const directory = await scoped.directory.findFirst({ where: { id }, select: { id: true } });
  if (!directory) throw directoryNotFound();
  const rows = await scoped.directoryEvent.findMany({
    where: {
      directoryId: id,
      ...(outcome ? { outcome } : {}),
      ...(cursor ? before(cursor) : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: {
      id: true,
      at: true,
      action: true,
      outcome: true,
      method: true,
      path: true,
      status: true,
      resourceType: true,
      resourceId: true,
      summary: true,
      detail: true,
    },
  });
  const events = rows.slice(0, limit);
  const last = events.at(-1);
  const nextCursor = rows.length > limit && last ? `${last.at.toISOString()}_${last.id}` : null;
  return { events, nextCursor };
}

function before(cursor: string): Prisma.DirectoryEventWhereInput {
  const at = new Date(cursor.slice(0, 24));
  const id = cursor.slice(25);
  return { OR: [{ at: { lt: at } }, { at, id: { lt: id } }] };
}
