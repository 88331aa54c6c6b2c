import { singleParam } from '@/components/forms/filter-form';

/** The filter fields of the audit views, as text, in the order the URL carries them. */
export const auditFilterNames = [
  'range',
  'from',
  'to',
  'person',
  'device',
  'group',
  'surface',
  'decision',
  'mode',
  'rule',
] as const;

export type AuditFilterValues = Partial<Record<(typeof auditFilterNames)[number], string>>;

/** The audit filters from a page's search params: only the given, non-empty ones. */
export function readAuditFilters(
  params: Record<string, string | string[] | undefined>,
): AuditFilterValues {
  const values: AuditFilterValues = {};
  for (const name of auditFilterNames) {
    const value = singleParam(params[name]);
    if (value) values[name] = value;
  }
  return values;
}

/** A query string of the filters with some changed (undefined removes one). */
export function auditQuery(
  values: AuditFilterValues,
  changes: AuditFilterValues & Record<string, string | undefined> = {},
): string {
  const merged: Record<string, string | undefined> = { ...values, ...changes };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(merged)) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}
