import { type Actor, assertRole, parseInput } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import type pg from 'pg';
import { type Surface, surfaces } from '../event/audit-event-schema';
import {
  type EventFilters,
  type EventFiltersInput,
  eventFiltersSchema,
  type ResolvedFilters,
  resolveEventFilters,
} from './event-filters.schema';
import {
  type BucketUnit,
  type Dimension,
  type RollupCursor,
  rollupsAnswer,
  SqlParams,
  sourceRows,
  sumCells,
} from './event-source-sql';
import { readRollupCursor, withReadSnapshot } from './with-read-snapshot';

export type TimelinePoint = {
  /** ISO start of the hour or day. */
  bucket: string;
  allow: number;
  deny: number;
  ask: number;
} & Record<Surface, number>;

export type RankedResource = { surface: Surface; resource: string; count: number };
export type BreakdownRow = { key: string; label: string; total: number; denied: number };

export type Dashboard = {
  from: string;
  to: string;
  /** Where the counts came from: the rollups (and the events after their cursor), or events. */
  source: 'rollups' | 'events';
  unit: 'hour' | 'day';
  totals: { events: number; allow: number; deny: number; ask: number; auditDeny: number };
  timeline: TimelinePoint[];
  /** The most denied resources of each surface ("top denied hosts, paths, MCP tools…"). */
  topDenied: Record<Surface, RankedResource[]>;
  /** What audit mode let through that enforcement would have denied. */
  auditHits: RankedResource[];
  breakdowns: Record<'person' | 'device' | 'group' | 'rule', BreakdownRow[]>;
};

const topCount = 10;
const hourMs = 3_600_000;

/** The compliance dashboard for the filters (search params). Auditors and up. */
export async function loadDashboard({
  pool,
  actor,
  input,
  now,
}: {
  pool: pg.Pool;
  actor: Actor;
  input: EventFiltersInput;
  now?: Date;
}): Promise<Dashboard> {
  assertRole(actor, 'auditor');
  const filters = resolveOrRefuse({
    orgId: actor.orgId,
    filters: parseInput(eventFiltersSchema, input),
    now,
  });
  return withReadSnapshot(pool, (client) => computeDashboard({ client, filters }));
}

/** Resolves parsed filters, refusing a bad custom range as a field error. */
export function resolveOrRefuse({
  orgId,
  filters,
  now,
}: {
  orgId: string;
  filters: EventFilters;
  now?: Date | undefined;
}): ResolvedFilters {
  const resolved = resolveEventFilters({ orgId, filters, ...(now ? { now } : {}) });
  if ('problem' in resolved) {
    throw new AppError('INVALID_INPUT', resolved.problem.message, {
      fieldErrors: { [resolved.problem.field]: [resolved.problem.message] },
    });
  }
  return resolved;
}

/**
 * Every panel, in the caller's snapshot. `useRollups: false` counts raw events only: the tests
 * hold the two paths to the same answer.
 */
export async function computeDashboard({
  client,
  filters,
  useRollups = true,
}: {
  client: pg.PoolClient;
  filters: ResolvedFilters;
  useRollups?: boolean;
}): Promise<Dashboard> {
  const fromRollups = useRollups && rollupsAnswer(filters);
  const cursor = fromRollups ? await readRollupCursor(client, filters.orgId) : null;
  const hourly = filters.to.getTime() - filters.from.getTime() <= 48 * hourMs;
  const unit = hourly ? 'hour' : 'day';
  const read = { client, filters, cursor, hourly };
  const timeline = await readTimeline({ ...read, unit });
  const topDenied = await readTopResources({ ...read, auditOnly: false });
  const auditHits = await readTopResources({ ...read, auditOnly: true });
  const breakdowns = {
    person: await readBreakdown({ ...read, dimension: 'person' }),
    device: await readBreakdown({ ...read, dimension: 'device' }),
    group: await readBreakdown({ ...read, dimension: 'group' }),
    rule: await readBreakdown({ ...read, dimension: 'rule' }),
  };
  const totals = { events: 0, allow: 0, deny: 0, ask: 0, auditDeny: auditHits.total };
  for (const point of timeline) {
    totals.allow += point.allow;
    totals.deny += point.deny;
    totals.ask += point.ask;
  }
  totals.events = totals.allow + totals.deny + totals.ask;
  const bySurface = Object.fromEntries(
    surfaces.map((surface) => [surface, [] as RankedResource[]]),
  );
  for (const row of topDenied.rows) bySurface[row.surface]?.push(row);
  return {
    from: filters.from.toISOString(),
    to: filters.to.toISOString(),
    source: fromRollups ? 'rollups' : 'events',
    unit,
    totals,
    timeline,
    topDenied: bySurface as Record<Surface, RankedResource[]>,
    auditHits: auditHits.rows,
    breakdowns,
  };
}

type Read = {
  client: pg.PoolClient;
  filters: ResolvedFilters;
  cursor: RollupCursor | null;
  hourly: boolean;
};

function source(read: Read, dimension: Dimension, unit: BucketUnit, params: SqlParams): string {
  const { filters, cursor, hourly } = read;
  return sourceRows({ filters, dimension, unit, cursor, hourlyOnly: hourly, params });
}

async function readTimeline(read: Read & { unit: 'hour' | 'day' }): Promise<TimelinePoint[]> {
  const { client, filters, unit } = read;
  const params = new SqlParams();
  const by = (decision: string) => sumCells(filters, (cell) => cell.decision === decision);
  const { rows } = await client.query<{ bucket: Date; surface: Surface } & Record<string, string>>(
    `SELECT s.bucket, s.surface, ${by('allow')} AS allow, ${by('deny')} AS deny, ${by('ask')} AS ask
       FROM (${source(read, 'all', unit, params)}) s GROUP BY 1, 2 ORDER BY 1`,
    params.values,
  );
  const points = new Map<number, TimelinePoint>();
  const step = unit === 'hour' ? hourMs : 24 * hourMs;
  const first = Math.floor(filters.from.getTime() / step) * step;
  for (let at = first; at < filters.to.getTime(); at += step) {
    const empty = { allow: 0, deny: 0, ask: 0, network: 0, filesystem: 0, credential: 0, mcp: 0 };
    points.set(at, { bucket: new Date(at).toISOString(), ...empty });
  }
  for (const row of rows) {
    const point = points.get(row.bucket.getTime());
    if (!point) continue;
    const [allow, deny, ask] = [Number(row.allow), Number(row.deny), Number(row.ask)];
    point.allow += allow;
    point.deny += deny;
    point.ask += ask;
    point[row.surface] += allow + deny + ask;
  }
  return [...points.values()];
}

async function readTopResources(
  read: Read & { auditOnly: boolean },
): Promise<{ rows: RankedResource[]; total: number }> {
  const { client, filters, auditOnly } = read;
  const params = new SqlParams();
  const denied = sumCells(
    filters,
    (cell) => cell.decision === 'deny' && (!auditOnly || cell.mode === 'audit'),
  );
  const limit = params.add(topCount);
  const partition = auditOnly ? '' : 'PARTITION BY surface ';
  const { rows } = await client.query<{ surface: Surface; key: string; n: string; all: string }>(
    `SELECT surface, key, n, sum(n) OVER ()::bigint AS all FROM (
       SELECT surface, key, n, row_number() OVER (${partition}ORDER BY n DESC, key) AS rank FROM (
         SELECT s.surface, s.key, ${denied} AS n FROM (${source(read, 'resource', null, params)}) s
          GROUP BY 1, 2) counted
        WHERE n > 0) ranked
      WHERE rank <= ${limit} ORDER BY surface, n DESC, key`,
    params.values,
  );
  const total = auditOnly ? await countAuditDenied(read) : 0;
  return {
    rows: rows.map((row) => ({ surface: row.surface, resource: row.key, count: Number(row.n) })),
    total,
  };
}

async function countAuditDenied(read: Read): Promise<number> {
  const params = new SqlParams();
  const denied = sumCells(
    read.filters,
    (cell) => cell.decision === 'deny' && cell.mode === 'audit',
  );
  const { rows } = await read.client.query<{ n: string | null }>(
    `SELECT ${denied} AS n FROM (${source(read, 'all', null, params)}) s`,
    params.values,
  );
  return Number(rows[0]?.n ?? 0);
}

function labelSql(dimension: 'person' | 'device' | 'group' | 'rule', org: () => string): string {
  if (dimension === 'person')
    return `(SELECT p.email FROM people p WHERE p.id::text = t.key AND p.org_id = ${org()})`;
  if (dimension === 'device')
    return `(SELECT d.hostname FROM devices d WHERE d.id::text = t.key AND d.org_id = ${org()})`;
  return 't.key';
}

async function readBreakdown(
  read: Read & { dimension: 'person' | 'device' | 'group' | 'rule' },
): Promise<BreakdownRow[]> {
  const { client, filters, dimension } = read;
  const params = new SqlParams();
  const label = labelSql(dimension, () => params.add(filters.orgId));
  const total = sumCells(filters);
  const denied = sumCells(filters, (cell) => cell.decision === 'deny');
  const { rows } = await client.query<{
    key: string;
    label: string | null;
    total: string;
    denied: string;
  }>(
    `SELECT t.key, ${label} AS label, t.total, t.denied FROM (
       SELECT s.key, ${total} AS total, ${denied} AS denied
         FROM (${source(read, dimension, null, params)}) s GROUP BY 1) t
      WHERE t.total > 0 ORDER BY t.total DESC, t.key LIMIT ${params.add(topCount)}`,
    params.values,
  );
  return rows.map((row) => ({
    key: row.key,
    label: row.label ?? row.key,
    total: Number(row.total),
    denied: Number(row.denied),
  }));
}
