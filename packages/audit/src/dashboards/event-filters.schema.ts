import { z } from 'zod';
import { decisions, modes, surfaces } from '../event/audit-event-schema';

// The filters every compliance view and export takes, as they travel in a URL's search params
// (so a view is shared by its address). Time ranges have hour granularity: the rollups count
// by hour, so a range that starts and ends on the hour is read from them exactly.

export const timeRangePresets = ['24h', '7d', '30d', '90d'] as const;
export type TimeRangePreset = (typeof timeRangePresets)[number];

const presetHours: Record<TimeRangePreset, number> = {
  '24h': 24,
  '7d': 7 * 24,
  '30d': 30 * 24,
  '90d': 90 * 24,
};

/** The longest custom range: the retention's default with room to spare. */
const maxRangeHours = 400 * 24;

/** An empty query field means "not given". */
function blankAsAbsent<Field extends z.ZodType>(field: Field) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), field);
}

/**
 * `2026-05-12T09:00`, `2026-05-12T09:00:00Z` or `2026-05-12`: read as UTC. A Date passes as is,
 * so input a route already parsed parses again to the same value in the domain function.
 */
const instantText = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/,
    'Give a UTC date and time, like 2026-05-12T09:00.',
  )
  .transform((value, context) => {
    const text =
      value.length === 10 ? `${value}T00:00Z` : value.endsWith('Z') ? value : `${value}Z`;
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) {
      context.addIssue({ code: 'custom', message: 'This is not a real date and time.' });
      return z.NEVER;
    }
    return new Date(ms);
  });
const instantField = z.union([z.date(), instantText]);

export const eventFilterFields = {
  range: blankAsAbsent(
    z
      .enum([...timeRangePresets, 'custom'], { error: 'Choose 24h, 7d, 30d, 90d or custom.' })
      .default('7d'),
  ),
  from: blankAsAbsent(instantField.optional()),
  to: blankAsAbsent(instantField.optional()),
  person: blankAsAbsent(z.uuid({ error: 'Choose a person from the list.' }).optional()),
  device: blankAsAbsent(z.uuid({ error: 'Choose a device from the list.' }).optional()),
  group: blankAsAbsent(
    z
      .string()
      .regex(/^[a-z0-9-]{1,63}$/, 'A group name is 1–63 of a-z, 0-9 and -.')
      .optional(),
  ),
  surface: blankAsAbsent(z.enum(surfaces, { error: 'Choose a surface.' }).optional()),
  decision: blankAsAbsent(z.enum(decisions, { error: 'Choose allow, deny or ask.' }).optional()),
  mode: blankAsAbsent(z.enum(modes, { error: 'Choose enforce or audit.' }).optional()),
  rule: blankAsAbsent(
    z
      .string()
      .min(1)
      .max(200, 'A rule id is at most 200 characters.')
      .regex(/^[^\p{Cc}]*$/u, 'A rule id has no control characters.')
      .optional(),
  ),
};

export const eventFiltersSchema = z.strictObject(eventFilterFields);

export type EventFiltersInput = z.input<typeof eventFiltersSchema>;
export type EventFilters = z.output<typeof eventFiltersSchema>;

/** What the SQL sees: the organization, a resolved [from, to) on whole hours, the rest as given. */
export type ResolvedFilters = Omit<EventFilters, 'range' | 'from' | 'to'> & {
  orgId: string;
  range: EventFilters['range'];
  from: Date;
  to: Date;
};

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * The range a filter means at `now`: `24h` is the 24 hours ending with the current hour; `7d`
 * and longer are whole days, today and the days before it, from midnight UTC to the coming
 * midnight (so they include everything stored up to now, a device's clock running ahead too,
 * and read only day rollups); a custom range is widened to whole hours. Returns a message
 * instead when a custom range is missing a bound, inverted or too long.
 */
export function resolveEventFilters({
  orgId,
  filters,
  now = new Date(),
}: {
  orgId: string;
  filters: EventFilters;
  now?: Date;
}): ResolvedFilters | { problem: { field: 'from' | 'to'; message: string } } {
  const { range, from: givenFrom, to: givenTo, ...rest } = filters;
  if (range !== 'custom') {
    const hourEnd = Math.floor(now.getTime() / hourMs) * hourMs + hourMs;
    if (range === '24h') {
      return {
        ...rest,
        orgId,
        range,
        from: new Date(hourEnd - 24 * hourMs),
        to: new Date(hourEnd),
      };
    }
    const dayEnd = Math.ceil(hourEnd / dayMs) * dayMs;
    const from = dayEnd - presetHours[range] * hourMs;
    return { ...rest, orgId, range, from: new Date(from), to: new Date(dayEnd) };
  }
  if (!givenFrom) return { problem: { field: 'from', message: 'Give the start of the range.' } };
  if (!givenTo) return { problem: { field: 'to', message: 'Give the end of the range.' } };
  const from = new Date(Math.floor(givenFrom.getTime() / hourMs) * hourMs);
  const to = new Date(Math.ceil(givenTo.getTime() / hourMs) * hourMs);
  if (to <= from)
    return { problem: { field: 'to', message: 'The end must come after the start.' } };
  if (to.getTime() - from.getTime() > maxRangeHours * hourMs) {
    return { problem: { field: 'to', message: 'A range is at most 400 days.' } };
  }
  return { ...rest, orgId, range, from, to };
}

/** The search params that reproduce `filters` (only the given ones), for links and exports. */
export function eventFilterParams(filters: Partial<EventFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  return params;
}
