import type { ResolvedFilters } from './event-filters.schema';

// SQL for the dashboards' counts. Every panel aggregates "source rows" of one shape —
// (bucket, key, surface, six decision × mode counts) for one dimension — that come either from
// the rollups plus the raw events after the rollup cursor, or, when the filters name a person,
// device, group or rule (which the rollups do not cross with other dimensions), from the raw
// events alone. Both shapes are the same, so every panel query is written once.

export type Dimension = 'all' | 'resource' | 'person' | 'device' | 'group' | 'rule';

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

/** Whether the rollups can answer these filters (they count one dimension at a time). */
export function rollupsAnswer(filters: ResolvedFilters): boolean {
  return !filters.person && !filters.device && !filters.group && !filters.rule;
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

/** Source rows from raw events matching `where` (alias `e`), grouped by bucket, key, surface. */
function rawSource(dimension: Dimension, unit: BucketUnit, where: string): string {
  const key = dimension === 'group' ? 'g.name' : rawKeyExpression[dimension];
  const unnest = dimension === 'group' ? ' CROSS JOIN LATERAL unnest(e.groups) AS g(name)' : '';
  const deniedOnly = dimension === 'resource' ? ` AND e.decision = 'deny'` : '';
  return `SELECT ${bucketOf('e.time', unit)} AS bucket, ${key} AS key, e.surface, ${rawCountColumns}
    FROM audit.events e${unnest} WHERE ${where}${deniedOnly} GROUP BY 1, 2, 3`;
}

export type RollupCursor = { tx: string; seq: string };

const dayMs = 86_400_000;

/**
 * The source rows of one dimension for these filters, as a subquery. With rollups: whole days
 * from the day rows, the hours before the first and after the last whole day from the hour rows
 * (only hour rows when `hourlyOnly`, for an hourly chart), and the raw events after the cursor.
 */
export function sourceRows({
  filters,
  dimension,
  unit,
  cursor,
  hourlyOnly,
  params,
}: {
  filters: ResolvedFilters;
  dimension: Dimension;
  unit: BucketUnit;
  /** The organization's rollup cursor in the reading snapshot; null: read raw events only. */
  cursor: RollupCursor | null;
  hourlyOnly: boolean;
  params: SqlParams;
}): string {
  if (cursor === null || !rollupsAnswer(filters)) {
    return rawSource(dimension, unit, rawEventsWhere(filters, params));
  }
  const fromMs = filters.from.getTime();
  const toMs = filters.to.getTime();
  let dayFrom = Math.ceil(fromMs / dayMs) * dayMs;
  let dayTo = Math.floor(toMs / dayMs) * dayMs;
  if (hourlyOnly || dayFrom >= dayTo) {
    dayFrom = toMs;
    dayTo = toMs;
  }
  const org = params.add(filters.orgId);
  const dim = params.add(dimension);
  const surface = filters.surface ? ` AND r.surface = ${params.add(filters.surface)}` : '';
  const columns = countCells.map((cell) => `r.${cell.column}`).join(', ');
  const select = (grain: 'hour' | 'day', lower: number, upper: number) =>
    `SELECT ${bucketOf('r.bucket', unit)} AS bucket, r.key, r.surface, ${columns}
      FROM audit.event_rollups r
      WHERE r.org_id = ${org} AND r.dimension = ${dim} AND r.grain = '${grain}'
        AND r.bucket >= ${params.add(new Date(lower))} AND r.bucket < ${params.add(new Date(upper))}${surface}`;
  const parts = [select('hour', fromMs, dayFrom)];
  if (dayTo > dayFrom) parts.push(select('day', dayFrom, dayTo), select('hour', dayTo, toMs));
  const tail = `${rawEventsWhere(filters, params)}
    AND (e.tx, e.ingest_seq) > (${params.add(cursor.tx)}::bigint, ${params.add(cursor.seq)}::bigint)`;
  parts.push(rawSource(dimension, unit, tail));
  return parts.join('\nUNION ALL\n');
}
