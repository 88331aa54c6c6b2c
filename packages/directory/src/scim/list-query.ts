import { type Projection, parseProjection } from './project-attributes';
import { type ResolvedPath, resolveAttributePath } from './resolve-attribute-path';
import type { ResourceSchema } from './scim-attributes';
import { badRequest } from './scim-error';
import { type CheckedFilter, parseScimFilter } from './scim-filter';

// The query of a list (GET /Users?…) or of a search (POST /Users/.search with a SearchRequest
// body), RFC 7644 §3.4.2 and §3.4.3: filter, sortBy/sortOrder, startIndex/count, attributes.

export const maxResults = 1_000;
export const searchRequestSchema = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

export type ListQuery = {
  filter: CheckedFilter | undefined;
  /** The filter's text, for the SQL fast paths. */
  filterText: string | undefined;
  sortBy: ResolvedPath | undefined;
  descending: boolean;
  startIndex: number;
  count: number;
  projection: Projection;
};

type Raw = Record<string, unknown>;

function field(raw: Raw, name: string): unknown {
  return Object.entries(raw).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

function text(raw: Raw, name: string): string | undefined {
  const value = field(raw, name);
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && (name === 'attributes' || name === 'excludedAttributes')) {
    return value.map(String).join(',');
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw badRequest('invalidValue', `${name} must be a string.`);
  }
  return String(value);
}

function integer(raw: Raw, name: string): number | undefined {
  const value = text(raw, name);
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^-?\d{1,15}$/.test(value.trim()))
    throw badRequest('invalidValue', `${name} must be an integer.`);
  return Number(value.trim());
}

/** Reads a list query from the query string's parameters or a SearchRequest body. */
export function readListQuery(schema: ResourceSchema, raw: Raw): ListQuery {
  const filterText = text(raw, 'filter');
  const sortByText = text(raw, 'sortBy');
  const sortOrder = text(raw, 'sortOrder')?.toLowerCase();
  if (sortOrder !== undefined && sortOrder !== 'ascending' && sortOrder !== 'descending') {
    throw badRequest('invalidValue', 'sortOrder must be ascending or descending.');
  }
  const sortBy = sortByText ? resolveAttributePath(schema, sortByText) : undefined;
  if (sortByText && !sortBy)
    throw badRequest('invalidValue', `sortBy names an unknown attribute: ${sortByText}.`);
  // RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0; a count
  // above the maximum is cut to it.
  const startIndex = Math.max(1, integer(raw, 'startIndex') ?? 1);
  const count = Math.min(maxResults, Math.max(0, integer(raw, 'count') ?? maxResults));
  return {
    filter:
      filterText === undefined || filterText.trim() === ''
        ? undefined
        : parseScimFilter(schema, filterText),
    filterText,
    sortBy,
    descending: sortOrder === 'descending',
    startIndex,
    count,
    projection: parseProjection(schema, {
      attributes: text(raw, 'attributes'),
      excludedAttributes: text(raw, 'excludedAttributes'),
    }),
  };
}

/** The value of an indexed `attr eq "value"` at the top of a filter, for a SQL lookup. */
export function indexedEquality(
  filter: CheckedFilter | undefined,
  attribute: string,
): string | undefined {
  if (filter?.op !== 'eq' || filter.path.keys.length !== 1) return undefined;
  if (filter.path.keys[0] !== attribute || typeof filter.value !== 'string') return undefined;
  return filter.value;
}
