import { type AttributeDefinition, commonAttributes, type ResourceSchema } from './scim-attributes';

/**
 * An attribute path resolved against a resource's schemas: where its value sits in a resource
 * (`keys`, canonical case, an extension's URN first) and the definitions of the attribute and
 * of its sub-attribute, if the path names one.
 */
export type ResolvedPath = {
  keys: string[];
  attribute: AttributeDefinition;
  subAttribute: AttributeDefinition | undefined;
  /** The extension's URN, for an extension attribute. */
  extension: string | undefined;
};

function findByName(
  list: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return list?.find((candidate) => candidate.name.toLowerCase() === lower);
}

/** Splits `urn:…:User:name.givenName` into the URN (if any) and the dotted attribute path. */
function splitUrn(
  schema: ResourceSchema,
  path: string,
): { urn: string | undefined; rest: string } | undefined {
  const lower = path.toLowerCase();
  for (const urn of [schema.core.urn, ...schema.extensions.map((extension) => extension.urn)]) {
    if (lower.startsWith(`${urn.toLowerCase()}:`)) {
      return { urn, rest: path.slice(urn.length + 1) };
    }
  }
  if (lower.startsWith('urn:')) return undefined;
  return { urn: undefined, rest: path };
}

/**
 * Resolves a path such as `userName`, `emails.value`, `meta.lastModified` or
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`, attribute names
 * compared without regard to case (RFC 7643 §2.1). Unknown paths resolve to undefined.
 */
export function resolveAttributePath(
  schema: ResourceSchema,
  path: string,
): ResolvedPath | undefined {
  const split = splitUrn(schema, path);
  if (!split) return undefined;
  const parts = split.rest.split('.');
  if (parts.length > 2 || parts.some((part) => part.length === 0)) return undefined;
  const [name, subName] = parts as [string, string | undefined];
  const extension = schema.extensions.find((candidate) => candidate.urn === split.urn);
  const attribute = extension
    ? findByName(extension.attributes, name)
    : (findByName(schema.core.attributes, name) ?? findByName(commonAttributes, name));
  if (!attribute) return undefined;
  const subAttribute = subName ? findByName(attribute.subAttributes, subName) : undefined;
  if (subName && !subAttribute) return undefined;
  const keys = [
    ...(extension ? [extension.urn] : []),
    attribute.name,
    ...(subAttribute ? [subAttribute.name] : []),
  ];
  return { keys, attribute, subAttribute, extension: extension?.urn };
}

/** The definition that types the path's values: the sub-attribute if named, else the attribute. */
export function leafOf(resolved: ResolvedPath): AttributeDefinition {
  return resolved.subAttribute ?? resolved.attribute;
}

/** The values at `keys` in a resource, arrays flattened, absent and null values left out. */
export function valuesAt(resource: unknown, keys: readonly string[]): unknown[] {
  if (keys.length === 0) {
    if (resource === undefined || resource === null) return [];
    return Array.isArray(resource) ? resource.filter((item) => item !== null) : [resource];
  }
  if (Array.isArray(resource)) return resource.flatMap((item) => valuesAt(item, keys));
  if (typeof resource !== 'object' || resource === null) return [];
  const [key, ...rest] = keys as [string, ...string[]];
  return valuesAt((resource as Record<string, unknown>)[key], rest);
}
