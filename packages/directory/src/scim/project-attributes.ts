import { type ResolvedPath, resolveAttributePath } from './resolve-attribute-path';
import type { ResourceSchema } from './scim-attributes';
import { badRequest } from './scim-error';

// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): which attributes a response
// carries. `id` and `schemas` are returned always; an attribute listed in `attributes` narrows
// the answer to it (a sub-attribute to that sub-attribute of each value).

export type Projection = {
  attributes: ResolvedPath[] | undefined;
  excludedAttributes: ResolvedPath[] | undefined;
};

export const noProjection: Projection = { attributes: undefined, excludedAttributes: undefined };

function parseList(schema: ResourceSchema, list: string | undefined): ResolvedPath[] | undefined {
  if (list === undefined || list.trim() === '') return undefined;
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length > 100) throw badRequest('invalidValue', 'At most 100 attributes can be named.');
  // An unknown attribute selects nothing rather than failing the request: identity providers
  // ask for attributes of schemas they assume, and the answer simply lacks them.
  return names.flatMap((name) => {
    const resolved = resolveAttributePath(schema, name);
    return resolved ? [resolved] : [];
  });
}

export function parseProjection(
  schema: ResourceSchema,
  query: { attributes?: string | undefined; excludedAttributes?: string | undefined },
): Projection {
  return {
    attributes: parseList(schema, query.attributes),
    excludedAttributes: parseList(schema, query.excludedAttributes),
  };
}

type Json = Record<string, unknown>;

const alwaysReturned = new Set(['id', 'schemas']);

/** The resource with only the attributes the projection lets through. */
export function projectResource(resource: Json, projection: Projection): Json {
  const { attributes, excludedAttributes } = projection;
  if (attributes) {
    const kept: Json = {};
    for (const key of alwaysReturned) if (key in resource) kept[key] = resource[key];
    for (const path of attributes) copyPath(resource, kept, path.keys);
    return kept;
  }
  if (excludedAttributes) {
    const copy = structuredClone(resource);
    for (const path of excludedAttributes) {
      if (path.keys.length === 1 && alwaysReturned.has(path.keys[0] as string)) continue;
      removePath(copy, path.keys);
    }
    return copy;
  }
  return resource;
}

function copyPath(from: Json, to: Json, keys: readonly string[]): void {
  const [key, ...rest] = keys as [string, ...string[]];
  const value = from[key];
  if (value === undefined) return;
  if (rest.length === 0) {
    to[key] = structuredClone(value);
    return;
  }
  if (Array.isArray(value)) {
    const existing = Array.isArray(to[key]) ? (to[key] as Json[]) : value.map(() => ({}));
    value.forEach((item, index) => {
      if (item && typeof item === 'object') copyPath(item as Json, existing[index] as Json, rest);
    });
    to[key] = existing;
    return;
  }
  if (value && typeof value === 'object') {
    const target = (to[key] && typeof to[key] === 'object' ? to[key] : {}) as Json;
    copyPath(value as Json, target, rest);
    to[key] = target;
  }
}

function removePath(resource: Json, keys: readonly string[]): void {
  const [key, ...rest] = keys as [string, ...string[]];
  if (rest.length === 0) {
    delete resource[key];
    return;
  }
  const value = resource[key];
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) if (item && typeof item === 'object') removePath(item as Json, rest);
}
