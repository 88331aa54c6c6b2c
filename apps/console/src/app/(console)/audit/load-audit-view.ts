import { eventFiltersSchema } from '@parapet/audit/dashboards';
import { isAppError } from '@parapet/errors';
import type { AuditFilterValues } from '@/components/audit/read-audit-filters';

/**
 * Runs a view's load with the filters from the address. Filters that do not parse show their
 * messages on the form and the view falls back to the last 7 days, rather than an error page.
 */
export async function loadAuditView<Result>(
  values: AuditFilterValues,
  load: (input: AuditFilterValues) => Promise<Result>,
): Promise<{ result: Result; errors?: Record<string, string[] | undefined> }> {
  const parsed = eventFiltersSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      errors[field] = [...(errors[field] ?? []), issue.message];
    }
    return { result: await load({}), errors };
  }
  try {
    return { result: await load(values) };
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID_INPUT' && error.fieldErrors) {
      return { result: await load({}), errors: error.fieldErrors };
    }
    throw error;
  }
}
