import type { Prisma, PrismaClient } from '@parapet/db';
import type { DestinationFormat, DestinationType } from '../destination-schemas';
import { secretFieldsByType } from '../destination-schemas';

/** The columns a destination is shown from: never its sealed secret or its lease. */
export const destinationSelect = {
  id: true,
  orgId: true,
  name: true,
  type: true,
  format: true,
  settings: true,
  secretHint: true,
  enabled: true,
  state: true,
  lastError: true,
  lastErrorAt: true,
  failingSince: true,
  lastSuccessAt: true,
  eventsCursorTx: true,
  eventsCursorSeq: true,
  exportedEvents: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.AuditDestinationSelect;

type SelectedDestination = Prisma.AuditDestinationGetPayload<{ select: typeof destinationSelect }>;

/** A destination as the console and the admin API show it. */
export type DestinationView = {
  id: string;
  name: string;
  type: DestinationType;
  format: DestinationFormat;
  enabled: boolean;
  /** The type's settings without its secret ones. */
  settings: Record<string, unknown>;
  /** Whether the type keeps a secret (token, key, password): it is sealed and never shown. */
  hasSecret: boolean;
  /** At most the secret's last four characters, to tell secrets apart. */
  secretHint: string | null;
  state: 'ok' | 'failing';
  lastError: string | null;
  lastErrorAt: Date | null;
  failingSince: Date | null;
  lastSuccessAt: Date | null;
  exportedEvents: number;
  /** Age of the oldest stored event not yet exported; 0 when nothing waits. */
  lagSeconds: number;
  /** Stored events not yet exported, counted up to `backlogCap`. */
  backlog: number;
  backlogCapped: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** Counting a backlog stops here: a number that large says enough, and counting on costs time. */
export const backlogCap = 1_000_000;

type Lag = Pick<DestinationView, 'lagSeconds' | 'backlog' | 'backlogCapped'>;

/**
 * How far a destination is behind: its organization's stored events after its cursor in export
 * order. Read on the unscoped client (audit.events has no Prisma model) with the organization
 * named explicitly.
 */
export async function readDestinationLag(
  db: PrismaClient | Prisma.TransactionClient,
  row: Pick<SelectedDestination, 'orgId' | 'eventsCursorTx' | 'eventsCursorSeq'>,
  now: Date,
): Promise<Lag> {
  const { orgId, eventsCursorTx: tx, eventsCursorSeq: seq } = row;
  const [oldest] = await db.$queryRaw<{ received_at: Date }[]>`
    SELECT received_at FROM audit.events
    WHERE org_id = ${orgId}::uuid AND (tx, ingest_seq) > (${tx}::bigint, ${seq}::bigint)
    ORDER BY tx, ingest_seq LIMIT 1`;
  if (!oldest) return { lagSeconds: 0, backlog: 0, backlogCapped: false };
  const [counted] = await db.$queryRaw<{ backlog: bigint }[]>`
    SELECT count(*) AS backlog FROM (
      SELECT 1 FROM audit.events
      WHERE org_id = ${orgId}::uuid AND (tx, ingest_seq) > (${tx}::bigint, ${seq}::bigint)
      LIMIT ${backlogCap + 1}
    ) waiting`;
  const backlog = Number(counted?.backlog ?? 0);
  return {
    lagSeconds: Math.max(0, Math.round((now.getTime() - oldest.received_at.getTime()) / 1000)),
    backlog: Math.min(backlog, backlogCap),
    backlogCapped: backlog > backlogCap,
  };
}

/** The row as shown, with its lag. */
export async function toDestinationView(
  db: PrismaClient | Prisma.TransactionClient,
  row: SelectedDestination,
  now: Date,
): Promise<DestinationView> {
  const type = row.type as DestinationType;
  return {
    id: row.id,
    name: row.name,
    type,
    format: row.format as DestinationFormat,
    enabled: row.enabled,
    settings: row.settings as Record<string, unknown>,
    hasSecret: secretFieldsByType[type].length > 0,
    secretHint: row.secretHint,
    state: row.state === 'failing' ? 'failing' : 'ok',
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    failingSince: row.failingSince,
    lastSuccessAt: row.lastSuccessAt,
    exportedEvents: Number(row.exportedEvents),
    ...(await readDestinationLag(db, row, now)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
