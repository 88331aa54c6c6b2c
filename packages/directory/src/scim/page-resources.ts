import type { ListQuery } from './list-query';
import { projectResource } from './project-attributes';
import { leafOf, valuesAt } from './resolve-attribute-path';
import { matchesFilter } from './scim-filter';

export const listResponseSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

type Json = Record<string, unknown>;

/** A ListResponse for one page of `total` resources (already filtered and sorted). */
export function listResponse(page: Json[], total: number, query: ListQuery): Json {
  return {
    schemas: [listResponseSchema],
    totalResults: total,
    startIndex: query.startIndex,
    itemsPerPage: page.length,
    Resources: page.map((resource) => projectResource(resource, query.projection)),
  };
}

/** Filters, sorts and pages rendered resources in memory, exactly as the filter says. */
export function pageInMemory(resources: Json[], query: ListQuery): { page: Json[]; total: number } {
  const { filter, sortBy } = query;
  const matching = filter
    ? resources.filter((resource) => matchesFilter(resource, filter))
    : resources;
  if (sortBy) {
    const leaf = leafOf(sortBy);
    const keyOf = (resource: Json) => {
      const [value] = valuesAt(resource, sortBy.keys);
      if (value === undefined || typeof value === 'object') return undefined;
      return typeof value === 'string' && !leaf.caseExact ? value.toLowerCase() : String(value);
    };
    const keyed = matching.map((resource) => ({ resource, key: keyOf(resource) }));
    // Resources without a value sort last either way (RFC 7644 §3.4.2.3).
    keyed.sort((a, b) => {
      if (a.key === undefined || b.key === undefined)
        return a.key === b.key ? 0 : a.key === undefined ? 1 : -1;
      const order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return query.descending ? -order : order;
    });
    matching.splice(0, matching.length, ...keyed.map((entry) => entry.resource));
  }
  const start = query.startIndex - 1;
  return { page: matching.slice(start, start + query.count), total: matching.length };
}
