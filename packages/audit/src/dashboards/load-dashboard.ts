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
  dimensions,
  rollupPlan,
  SqlParams,
  sourceRows,
  sumCells,
  summedCountColumns,
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
 * Every panel, in the caller's snapshot, from one statement that reads the source rows once.
 * `useRollups: false` counts raw events only: the tests hold the two paths to the same answer.
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
  const hourly = filters.to.getTime() - filters.from.getTime() <= 48 * hourMs;
  const unit = hourly ? 'hour' : 'day';
  const fromRollups = useRollups && rollupPlan(filters, hourly) !== null;
  const cursor = fromRollups ? await readRollupCursor(client, filters.orgId) : null;
  const params = new SqlParams();
  const source = sourceRows({
    filters,
    dimensions,
    unit,
    cursor,
    hourlyOnly: hourly,
    params,
  });
  const panels = [
    timelineSql(filters),
    topResourcesSql(filters, params, false),
    topResourcesSql(filters, params, true),
    auditDeniedSql(filters),
    ...breakdownDimensions.map((dimension) => breakdownSql(filters, params, dimension)),
  ];
  const { rows } = await client.query<PanelRow>(
    `WITH src AS MATERIALIZED (
       SELECT u.dimension, u.bucket, u.key, u.surface, ${summedCountColumns('u')}
         FROM (${source}) u GROUP BY 1, 2, 3, 4)
     ${panels.map((panel) => `(${panel})`).join('\nUNION ALL\n')}`,
    params.values,
  );
  rows.sort(byCountThenKey);
  const timeline = buildTimeline(filters, unit, rows);
  const totals = { events: 0, allow: 0, deny: 0, ask: 0, auditDeny: 0 };
  for (const point of timeline) {
    totals.allow += point.allow;
    totals.deny += point.deny;
    totals.ask += point.ask;
  }
  totals.events = totals.allow + totals.deny + totals.ask;
  const topDenied = Object.fromEntries(
    surfaces.map((surface) => [surface, [] as RankedResource[]]),
  ) as Record<Surface, RankedResource[]>;
  const auditHits: RankedResource[] = [];
  const breakdowns: Dashboard['breakdowns'] = { person: [], device: [], group: [], rule: [] };
  for (const row of rows) {
    if (row.panel === 'top' || row.panel === 'audit') {
      const ranked = {
        surface: row.surface as Surface,
        resource: row.key ?? '',
        count: Number(row.a),
      };
      if (row.panel === 'top') topDenied[ranked.surface]?.push(ranked);
      else auditHits.push(ranked);
    } else if (row.panel === 'auditTotal') {
      totals.auditDeny = Number(row.a ?? 0);
    } else if (row.panel !== 'timeline') {
      breakdowns[row.panel].push({
        key: row.key ?? '',
        label: row.label ?? row.key ?? '',
        total: Number(row.a),
        denied: Number(row.b),
      });
    }
  }
  return {
    from: filters.from.toISOString(),
    to: filters.to.toISOString(),
    source: fromRollups ? 'rollups' : 'events',
    unit,
    totals,
    timeline,
    topDenied,
    auditHits,
    breakdowns,
  };
}

/** Ranked panels in their order: the larger count first, then the key (as SQL ranked them). */
function byCountThenKey(a: PanelRow, b: PanelRow): number {
  const difference = Number(b.a ?? 0) - Number(a.a ?? 0);
  if (difference !== 0) return difference;
  const [left, right] = [a.key ?? '', b.key ?? ''];
  return left < right ? -1 : left > right ? 1 : 0;
}

const breakdownDimensions = ['person', 'device', 'group', 'rule'] as const;
type BreakdownDimension = (typeof breakdownDimensions)[number];

/**
 * One row of the combined statement: which panel it belongs to and up to three counts (`a`,
 * `b`, `c`), in the order each panel's SQL below gives them.
 */
type PanelRow = {
  panel: 'timeline' | 'top' | 'audit' | 'auditTotal' | BreakdownDimension;
  bucket: Date | null;
  surface: string | null;
  key: string | null;
  label: string | null;
  a: string | null;
  b: string | null;
  c: string | null;
};

/** Every panel's rows have these columns, so the panels are one UNION ALL. */
const panelColumns = (
  panel: PanelRow['panel'],
  columns: {
    bucket?: string;
    surface?: string;
    key?: string;
    label?: string;
    a: string;
    b?: string;
    c?: string;
  },
) =>
  `'${panel}'::text AS panel, ${columns.bucket ?? 'NULL::timestamptz'} AS bucket,
   ${columns.surface ?? 'NULL::text'} AS surface, ${columns.key ?? 'NULL::text'} AS key,
   ${columns.label ?? 'NULL::text'} AS label, ${columns.a} AS a, ${columns.b ?? 'NULL::bigint'} AS b,
   ${columns.c ?? 'NULL::bigint'} AS c`;

function timelineSql(filters: ResolvedFilters): string {
  const by = (decision: string) => sumCells(filters, (cell) => cell.decision === decision);
  return `SELECT ${panelColumns('timeline', {
    bucket: 's.bucket',
    surface: 's.surface',
    a: by('allow'),
    b: by('deny'),
    c: by('ask'),
  })} FROM src s WHERE s.dimension = 'all' GROUP BY s.bucket, s.surface`;
}

/** The most denied resources of each surface, or (auditOnly) what audit mode let through. */
function topResourcesSql(filters: ResolvedFilters, params: SqlParams, auditOnly: boolean): string {
  const denied = sumCells(
    filters,
    (cell) => cell.decision === 'deny' && (!auditOnly || cell.mode === 'audit'),
  );
  const partition = auditOnly ? '' : 'PARTITION BY surface ';
  return `SELECT ${panelColumns(auditOnly ? 'audit' : 'top', { surface: 'surface', key: 'key', a: 'n' })}
    FROM (
      SELECT surface, key, n, row_number() OVER (${partition}ORDER BY n DESC, key) AS rank FROM (
        SELECT s.surface, s.key, ${denied} AS n FROM src s WHERE s.dimension = 'resource'
         GROUP BY 1, 2) counted
       WHERE n > 0) ranked
   WHERE rank <= ${params.add(topCount)}`;
}

function auditDeniedSql(filters: ResolvedFilters): string {
  const denied = sumCells(filters, (cell) => cell.decision === 'deny' && cell.mode === 'audit');
  return `SELECT ${panelColumns('auditTotal', { a: denied })} FROM src s WHERE s.dimension = 'all'`;
}

function labelSql(dimension: BreakdownDimension, org: () => string): string {
  if (dimension === 'person')
    return `(SELECT p.email FROM people p WHERE p.id::text = t.key AND p.org_id = ${org()})`;
  if (dimension === 'device')
    return `(SELECT d.hostname FROM devices d WHERE d.id::text = t.key AND d.org_id = ${org()})`;
  return 't.key';
}

function breakdownSql(
  filters: ResolvedFilters,
  params: SqlParams,
  dimension: BreakdownDimension,
): string {
  const label = labelSql(dimension, () => params.add(filters.orgId));
  const total = sumCells(filters);
  const denied = sumCells(filters, (cell) => cell.decision === 'deny');
  return `SELECT ${panelColumns(dimension, { key: 't.key', label, a: 't.total', b: 't.denied' })}
    FROM (
      SELECT s.key, ${total} AS total, ${denied} AS denied
        FROM src s WHERE s.dimension = '${dimension}' GROUP BY 1) t
   WHERE t.total > 0 ORDER BY t.total DESC, t.key LIMIT ${params.add(topCount)}`;
}

/** Every hour or day of the range, with the counts the timeline rows give it. */
function buildTimeline(
  filters: ResolvedFilters,
  unit: 'hour' | 'day',
  rows: readonly PanelRow[],
): TimelinePoint[] {
  const points = new Map<number, TimelinePoint>();
  const step = unit === 'hour' ? hourMs : 24 * hourMs;
  const first = Math.floor(filters.from.getTime() / step) * step;
  for (let at = first; at < filters.to.getTime(); at += step) {
    const empty = { allow: 0, deny: 0, ask: 0, network: 0, filesystem: 0, credential: 0, mcp: 0 };
    points.set(at, { bucket: new Date(at).toISOString(), ...empty });
  }
  for (const row of rows) {
    if (row.panel !== 'timeline' || row.bucket === null) continue;
    const point = points.get(row.bucket.getTime());
    if (!point) continue;
    const [allow, deny, ask] = [Number(row.a), Number(row.b), Number(row.c)];
    point.allow += allow;
    point.deny += deny;
    point.ask += ask;
    point[row.surface as Surface] += allow + deny + ask;
  }
  return [...points.values()];
}
