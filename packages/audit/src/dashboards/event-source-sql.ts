import type { ResolvedFilters } from './event-filters.schema';

// SQL for the dashboards' counts. Every panel aggregates "source rows" of one shape —
// (dimension, bucket, key, surface, six decision × mode counts) — that come either from the
// rollups plus raw events (after the rollup cursor, and in the hours scoped rollups do not
// cover), or from the raw events alone. Both shapes are the same, so every panel query is
// written once, and one statement reads the source once for every panel of a view.

export const dimensions = ['all', 'resource', 'person', 'device', 'group', 'rule'] as const;
export type Dimension = (typeof dimensions)[number];

/** The six counting columns, and the decision and mode each counts. */
export const countCells = [
  { column: 'allow_enforce', decision: 'allow', mode: 'enforce' },
  { column: 'deny_enforce', decision: 'deny', mode: 'enforce' },
  { column: 'ask_enforce', decision: 'ask', mode: 'enforce' },
  { column: 'allow_audit', decision: 'allow', mode: 'audit' },
  { column: 'deny_audit', decision: 'deny', mode: 'audit' },
  { column: 'ask_audit', decision: 'ask', mode: 'audit' },
] as const;

export type CountCell = (typeof countCells)[number];

/** Collects bind parameters; `add` returns the placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The rollup scope that counts exactly the events these filters keep besides time, surface,
 * decision and mode: '' (every event), `group:<name>` or `rule:<id>`; null when none does (a
 * person or a device, or a group and a rule together: read raw events, which are few for a
 * person or a device).
 */
export function rollupScope(
  filters: Pick<ResolvedFilters, 'person' | 'device' | 'group' | 'rule'>,
): string | null {
  if (filters.person || filters.device || (filters.group && filters.rule)) return null;
  if (filters.group) return `group:${filters.group}`;
  if (filters.rule) return `rule:${filters.rule}`;
  return '';
}

const dayMs = 86_400_000;

/**
 * How the rollups answer a range: whole days [dayFrom, dayTo) from day rows, the hours around
 * them from hour rows (unscoped) or raw events (scoped rows are days only); null when they
 * cannot (no scope fits, or a scoped range without a whole day, or an hourly chart of a scope).
 */
export type RollupPlan = { scope: string; dayFrom: number; dayTo: number };

export function rollupPlan(filters: ResolvedFilters, hourlyOnly: boolean): RollupPlan | null {
  const scope = rollupScope(filters);
  if (scope === null) return null;
  const fromMs = filters.from.getTime();
  const toMs = filters.to.getTime();
  let dayFrom = Math.ceil(fromMs / dayMs) * dayMs;
  let dayTo = Math.floor(toMs / dayMs) * dayMs;
  if (hourlyOnly || dayFrom >= dayTo) {
    if (scope !== '') return null;
    dayFrom = toMs;
    dayTo = toMs;
  }
  return { scope, dayFrom, dayTo };
}

/**
 * `sum(a + b …)` of the cells the decision and mode filters keep and `pick` wants; `0` when
 * none (a filter on allow leaves no denied cell), so a panel is empty rather than wrong.
 */
export function sumCells(
  filters: Pick<ResolvedFilters, 'decision' | 'mode'>,
  pick: (cell: CountCell) => boolean = () => true,
  alias = 's',
): string {
  const kept = countCells.filter(
    (cell) =>
      (!filters.decision || cell.decision === filters.decision) &&
      (!filters.mode || cell.mode === filters.mode) &&
      pick(cell),
  );
  if (kept.length === 0) return '0::bigint';
  return `sum(${kept.map((cell) => `${alias}.${cell.column}`).join(' + ')})::bigint`;
}

/**
 * The raw events the filters select, as a WHERE clause on alias `e`. The id bounds (a day wider
 * than the range, the most an id's time may differ from `time`) let Postgres skip partitions.
 */
export function rawEventsWhere(filters: ResolvedFilters, params: SqlParams): string {
  const from = params.add(filters.from);
  const to = params.add(filters.to);
  const clauses = [
    `e.org_id = ${params.add(filters.orgId)}`,
    `e.time >= ${from}`,
    `e.time < ${to}`,
    `e.id >= audit.uuid7_floor(${from}::timestamptz - interval '24 hours')`,
    `e.id < audit.uuid7_floor(${to}::timestamptz + interval '24 hours')`,
  ];
  if (filters.surface) clauses.push(`e.surface = ${params.add(filters.surface)}`);
  if (filters.decision) clauses.push(`e.decision = ${params.add(filters.decision)}`);
  if (filters.mode) clauses.push(`e.mode = ${params.add(filters.mode)}`);
  if (filters.person) clauses.push(`e.person_id = ${params.add(filters.person)}`);
  if (filters.device) clauses.push(`e.device_id = ${params.add(filters.device)}`);
  if (filters.group) clauses.push(`e.groups @> ARRAY[${params.add(filters.group)}]::text[]`);
  if (filters.rule) clauses.push(`e.rule_id = ${params.add(filters.rule)}`);
  return clauses.join(' AND ');
}

/** The key a raw event counts under for a dimension (the rollup job uses the same). */
export const rawKeyExpression: Record<Exclude<Dimension, 'group'>, string> = {
  all: `''`,
  resource: `CASE WHEN e.decision = 'deny' THEN e.resource END`,
  person: `coalesce(e.person_id::text, '')`,
  device: `e.device_id::text`,
  rule: `coalesce(e.rule_id, '')`,
};

/** The six counts of raw events `e`, as the rollups store them. */
export const rawCountColumns = countCells
  .map(
    (cell) =>
      `count(*) FILTER (WHERE e.decision = '${cell.decision}' AND e.mode = '${cell.mode}')::bigint AS ${cell.column}`,
  )
  .join(', ');

export type BucketUnit = 'hour' | 'day' | null;

function bucketOf(column: string, unit: BucketUnit): string {
  return unit === null ? 'NULL::timestamptz' : `date_trunc('${unit}', ${column}, 'UTC')`;
}

/**
 * A LATERAL subquery keying row `e` once per dimension of `dimensions` (once per group for
 * `group`) as `k(dimension, key)`; a null key (`resource` of an event not denied) is for the
 * caller to drop. `resource` replaces the resource key's expression (rows already grouped by it).
 */
export function keyedByDimension(
  dimensions: readonly Dimension[],
  { resource = rawKeyExpression.resource }: { resource?: string } = {},
): string {
  const keys: Record<Exclude<Dimension, 'group'>, string> = { ...rawKeyExpression, resource };
  const keyed = dimensions
    .filter((dimension) => dimension !== 'group')
    .map((dimension) => `('${dimension}', ${keys[dimension as Exclude<Dimension, 'group'>]})`);
  const parts = keyed.length > 0 ? [`SELECT * FROM (VALUES ${keyed.join(', ')}) v`] : [];
  if (dimensions.includes('group'))
    parts.push(`SELECT 'group', g.name FROM unnest(e.groups) g(name)`);
  return `(${parts.join(' UNION ALL ')}) AS k(dimension, key)`;
}

/** Each count column summed over rows `alias` and named as itself. */
export function summedCountColumns(alias: string): string {
  return countCells
    .map((cell) => `sum(${alias}.${cell.column})::bigint AS ${cell.column}`)
    .join(', ');
}

/**
 * Source rows of `dimensions` from raw events matching `where` (alias `e`), in one scan: each
 * event is keyed once per dimension (once per group for `group`), then grouped. The bucket is
 * the event's hour or day for `all` (the timeline) and null for the others.
 */
function rawSource(dimensions: readonly Dimension[], unit: BucketUnit, where: string): string {
  return `SELECT k.dimension, CASE WHEN k.dimension = 'all' THEN ${bucketOf('e.time', unit)} END AS bucket,
           k.key, e.surface, ${rawCountColumns}
    FROM audit.events e CROSS JOIN LATERAL ${keyedByDimension(dimensions)}
   WHERE ${where} AND k.key IS NOT NULL GROUP BY 1, 2, 3, 4`;
}

export type RollupCursor = { tx: string; seq: string };

/**
 * The source rows of `dimensions` for these filters, as a subquery (rows may repeat a
 * (dimension, bucket, key, surface); panels sum them). With rollups (a cursor and a plan):
 * whole days from the day rows, the hours before the first and after the last whole day from
 * the hour rows (raw events for a scope), and the raw events after the cursor.
 */
export function sourceRows({
  filters,
  dimensions,
  unit,
  cursor,
  hourlyOnly,
  params,
}: {
  filters: ResolvedFilters;
  dimensions: readonly Dimension[];
  unit: BucketUnit;
  /** The organization's rollup cursor in the reading snapshot; null: read raw events only. */
  cursor: RollupCursor | null;
  hourlyOnly: boolean;
  params: SqlParams;
}): string {
  const plan = cursor === null ? null : rollupPlan(filters, hourlyOnly);
  if (cursor === null || plan === null) {
    return rawSource(dimensions, unit, rawEventsWhere(filters, params));
  }
  const { scope, dayFrom, dayTo } = plan;
  const fromMs = filters.from.getTime();
  const toMs = filters.to.getTime();
  const org = params.add(filters.orgId);
  const scopeParam = params.add(scope);
  const dims = params.add(dimensions);
  const surface = filters.surface ? ` AND r.surface = ${params.add(filters.surface)}` : '';
  const columns = countCells.map((cell) => `r.${cell.column}`).join(', ');
  const select = (grain: 'hour' | 'day', lower: number, upper: number) =>
    `SELECT r.dimension, CASE WHEN r.dimension = 'all' THEN ${bucketOf('r.bucket', unit)} END AS bucket,
            r.key, r.surface, ${columns}
      FROM audit.event_rollups r
      WHERE r.org_id = ${org} AND r.scope = ${scopeParam} AND r.dimension = ANY(${dims}::text[])
        AND r.grain = '${grain}'
        AND r.bucket >= ${params.add(new Date(lower))} AND r.bucket < ${params.add(new Date(upper))}${surface}`;
  const within = (lower: number, upper: number) =>
    rawEventsWhere({ ...filters, from: new Date(lower), to: new Date(upper) }, params);
  const parts: string[] = [];
  if (scope === '') {
    parts.push(select('hour', fromMs, dayFrom));
    if (dayTo > dayFrom) parts.push(select('day', dayFrom, dayTo), select('hour', dayTo, toMs));
  } else {
    // Scoped rows are whole days: the hours around them are read raw, all of them.
    if (fromMs < dayFrom) parts.push(rawSource(dimensions, unit, within(fromMs, dayFrom)));
    parts.push(select('day', dayFrom, dayTo));
    if (dayTo < toMs) parts.push(rawSource(dimensions, unit, within(dayTo, toMs)));
  }
  // What the rollups have not counted yet, in the range they answer for.
  const [tailFrom, tailTo] = scope === '' ? [fromMs, toMs] : [dayFrom, dayTo];
  const tail = `${within(tailFrom, tailTo)}
    AND (e.tx, e.ingest_seq) > (${params.add(cursor.tx)}::bigint, ${params.add(cursor.seq)}::bigint)`;
  parts.push(rawSource(dimensions, unit, tail));
  return parts.join('\nUNION ALL\n');
}
