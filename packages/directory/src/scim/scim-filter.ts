import { type Filter, parse } from 'scim2-parse-filter';
import {
  leafOf,
  type ResolvedPath,
  resolveAttributePath,
  valuesAt,
} from './resolve-attribute-path';
import { rewriteValuePathFilter } from './rewrite-value-path-filter';
import type { AttributeDefinition, ResourceSchema } from './scim-attributes';
import { badRequest } from './scim-error';

// SCIM filters (RFC 7644 §3.4.2.2), parsed by scim2-parse-filter and then checked and evaluated
// here against the schema: attribute names without regard to case, strings compared without
// regard to case unless the attribute is caseExact (userName, emails and displayName are not;
// id and externalId are), dateTimes as instants, booleans only with eq/ne/pr. The library's
// own tester compares everything case-sensitively, so it is not used.

type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le';

/** A filter with every attribute path resolved; what `matchesFilter` evaluates. */
export type CheckedFilter =
  | { op: 'and' | 'or'; filters: CheckedFilter[] }
  | { op: 'not'; filter: CheckedFilter }
  | { op: 'pr'; path: ResolvedPath }
  | { op: CompareOp; path: ResolvedPath; value: string | number | boolean | null }
  | { op: '[]'; path: ResolvedPath; filter: CheckedFilter };

export const maxFilterLength = 2_000;

/** Parses and checks a filter; anything unsupported is 400 invalidFilter. */
export function parseScimFilter(schema: ResourceSchema, text: string): CheckedFilter {
  if (text.length > maxFilterLength) {
    throw badRequest('invalidFilter', `The filter is longer than ${maxFilterLength} characters.`);
  }
  let parsed: Filter;
  try {
    parsed = parse(rewriteValuePathFilter(text));
  } catch {
    throw badRequest('invalidFilter', `The filter ${JSON.stringify(text)} is not valid.`);
  }
  return check(schema, parsed, undefined, 0);
}

function invalid(detail: string): never {
  throw badRequest('invalidFilter', detail);
}

function resolve(schema: ResourceSchema, path: string, within: ResolvedPath | undefined) {
  const full = within ? `${within.keys.join('.').replace(/\.(?=[^.]*$)/, ':')}` : undefined;
  let resolved: ResolvedPath | undefined;
  if (within) {
    const sub = within.attribute.subAttributes?.find(
      (candidate) => candidate.name.toLowerCase() === path.toLowerCase(),
    );
    if (sub) resolved = { ...within, keys: [...within.keys, sub.name], subAttribute: sub };
  } else {
    resolved = resolveAttributePath(schema, path);
  }
  if (!resolved)
    invalid(`The filter names an unknown attribute: ${path}${full ? ` in ${full}` : ''}.`);
  // `emails co "x"` means the emails' values (RFC 7644 §3.4.2.2, multi-valued attributes).
  const valueSub = resolved.attribute.subAttributes?.find((sub) => sub.name === 'value');
  if (!resolved.subAttribute && resolved.attribute.type === 'complex' && valueSub) {
    return { ...resolved, keys: [...resolved.keys, 'value'], subAttribute: valueSub };
  }
  return resolved;
}

function check(
  schema: ResourceSchema,
  filter: Filter,
  within: ResolvedPath | undefined,
  depth: number,
): CheckedFilter {
  if (depth > 50) invalid('The filter is nested too deeply.');
  switch (filter.op) {
    case 'and':
    case 'or':
      return {
        op: filter.op,
        filters: (filter as { filters: Filter[] }).filters.map((f) =>
          check(schema, f, within, depth + 1),
        ),
      };
    case 'not':
      return {
        op: 'not',
        filter: check(schema, (filter as { filter: Filter }).filter, within, depth + 1),
      };
    case '[]': {
      if (within) invalid('A value filter cannot hold another value filter.');
      const { attrPath, valFilter } = filter as { attrPath: string; valFilter: Filter };
      const path = resolveAttributePath(schema, attrPath);
      if (!path || path.subAttribute || path.attribute.type !== 'complex') {
        invalid(`${attrPath} is not a complex attribute a value filter can apply to.`);
      }
      return { op: '[]', path, filter: check(schema, valFilter, path, depth + 1) };
    }
    case 'pr':
      return { op: 'pr', path: resolve(schema, (filter as { attrPath: string }).attrPath, within) };
    default:
      return checkComparison(schema, filter as never, within);
  }
}

function checkComparison(
  schema: ResourceSchema,
  filter: { op: string; attrPath: string; compValue: string | number | boolean | null },
  within: ResolvedPath | undefined,
): CheckedFilter {
  const op = filter.op.toLowerCase() as CompareOp;
  if (!['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le'].includes(op)) {
    invalid(`The filter operator ${filter.op} is not supported.`);
  }
  const path = resolve(schema, filter.attrPath, within);
  const leaf = leafOf(path);
  const value = filter.compValue;
  if (leaf.type === 'complex') invalid(`${filter.attrPath} is complex; name a sub-attribute.`);
  if (leaf.type === 'boolean' && !['eq', 'ne'].includes(op)) {
    invalid(`${filter.attrPath} is a boolean: only eq, ne and pr apply.`);
  }
  if (leaf.type === 'boolean' && typeof value !== 'boolean' && value !== null) {
    invalid(`${filter.attrPath} is a boolean: compare it with true or false.`);
  }
  if (leaf.type === 'dateTime' && value !== null && Number.isNaN(Date.parse(String(value)))) {
    invalid(`${JSON.stringify(value)} is not a date and time.`);
  }
  if (value === null && op !== 'eq' && op !== 'ne') invalid(`${op} cannot compare with null.`);
  return { op, path, value };
}

/** Whether `resource` (a rendered SCIM resource, canonical keys) matches `filter`. */
export function matchesFilter(resource: unknown, filter: CheckedFilter): boolean {
  switch (filter.op) {
    case 'and':
      return filter.filters.every((f) => matchesFilter(resource, f));
    case 'or':
      return filter.filters.some((f) => matchesFilter(resource, f));
    case 'not':
      return !matchesFilter(resource, filter.filter);
    case '[]': {
      const items = valuesAt(resource, filter.path.keys);
      const relative = relativeTo(filter.path, filter.filter);
      return items.some((item) => matchesFilter(item, relative));
    }
    case 'pr':
      return valuesAt(resource, filter.path.keys).some(isPresent);
    default: {
      const values = valuesAt(resource, filter.path.keys);
      if (filter.op === 'ne')
        return !values.some((v) => compare('eq', v, filter.value, leafOf(filter.path)));
      if (filter.value === null) return values.length === 0;
      return values.some((v) =>
        compare(filter.op as CompareOp, v, filter.value, leafOf(filter.path)),
      );
    }
  }
}

/** The inner filter of `attr[...]` with its paths made relative to one item of `attr`. */
function relativeTo(outer: ResolvedPath, filter: CheckedFilter): CheckedFilter {
  const drop = outer.keys.length;
  switch (filter.op) {
    case 'and':
    case 'or':
      return { op: filter.op, filters: filter.filters.map((f) => relativeTo(outer, f)) };
    case 'not':
      return { op: 'not', filter: relativeTo(outer, filter.filter) };
    case '[]':
      return filter;
    default:
      return { ...filter, path: { ...filter.path, keys: filter.path.keys.slice(drop) } };
  }
}

function isPresent(value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return false;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

function compare(
  op: CompareOp,
  actual: unknown,
  expected: string | number | boolean | null,
  leaf: AttributeDefinition,
): boolean {
  if (expected === null) return false;
  if (leaf.type === 'boolean') return actual === expected && op === 'eq';
  if (leaf.type === 'dateTime') {
    return order(op, Date.parse(String(actual)), Date.parse(String(expected)));
  }
  if (typeof actual !== 'string' && typeof actual !== 'number') return false;
  const fold = (value: string | number | boolean) =>
    leaf.caseExact ? String(value) : String(value).toLowerCase();
  const [a, b] = [fold(actual), fold(expected)];
  if (op === 'co') return a.includes(b);
  if (op === 'sw') return a.startsWith(b);
  if (op === 'ew') return a.endsWith(b);
  return order(op, a, b);
}

function order<T extends string | number>(op: CompareOp, a: T, b: T): boolean {
  if (typeof a === 'number' && (Number.isNaN(a) || Number.isNaN(b as number))) return false;
  switch (op) {
    case 'eq':
      return a === b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return false;
  }
}
