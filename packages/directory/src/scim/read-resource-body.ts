import type { AttributeDefinition, ResourceSchema } from './scim-attributes';
import { badRequest } from './scim-error';

// Turns a resource an identity provider sent (POST, PUT, or the result of a PATCH) into its
// canonical form: attribute names in the schema's case (RFC 7643 §2.1 makes them
// case-insensitive), readOnly attributes dropped (§7: a client's values for them are ignored),
// unknown attributes dropped, each value checked against its type. Entra ID sends booleans as
// the strings "True"/"False"; they are read as booleans. Anything else of the wrong type is
// 400 invalidValue, never stored.

type Json = Record<string, unknown>;

export const maxStringLength = 2_048;
export const maxMultiValues = 100;
// A group's members are bounded by the body size limit instead: groups of thousands are usual.
export const maxMembers = 100_000;

function fail(path: string, detail: string): never {
  throw badRequest('invalidValue', `${path}: ${detail}`);
}

function readScalar(definition: AttributeDefinition, value: unknown, path: string): unknown {
  if (definition.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
      return value.toLowerCase() === 'true';
    }
    return fail(path, 'must be true or false.');
  }
  if (typeof value !== 'string') return fail(path, 'must be a string.');
  if (value.length > maxStringLength) return fail(path, `is longer than ${maxStringLength}.`);
  if (value.includes('\u0000')) return fail(path, 'must not contain NUL characters.');
  if (definition.type === 'dateTime' && Number.isNaN(Date.parse(value))) {
    return fail(path, 'must be a date and time.');
  }
  return value;
}

function readComplex(definition: AttributeDefinition, value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(path, 'must be an object.');
  }
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    const sub = definition.subAttributes?.find((s) => s.name.toLowerCase() === key.toLowerCase());
    if (!sub || sub.mutability === 'readOnly' || item === null || item === undefined) continue;
    out[sub.name] = readScalar(sub, item, `${path}.${sub.name}`);
  }
  return out;
}

function readValue(definition: AttributeDefinition, value: unknown, path: string): unknown {
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    const limit = definition.name === 'members' ? maxMembers : maxMultiValues;
    if (items.length > limit) fail(path, `has more than ${limit} values.`);
    const read = items
      .filter((item) => item !== null && item !== undefined)
      .map((item, index) =>
        definition.type === 'complex'
          ? readComplex(definition, item, `${path}[${index}]`)
          : readScalar(definition, item, `${path}[${index}]`),
      );
    return read.filter((item) => typeof item !== 'object' || Object.keys(item as Json).length > 0);
  }
  // Entra ID sends the enterprise `manager` as the manager's id alone, a string: it is the
  // complex attribute's `value`.
  const hasValue = definition.subAttributes?.some((sub) => sub.name === 'value');
  if (definition.type === 'complex' && typeof value === 'string' && hasValue) {
    return readComplex(definition, { value }, path);
  }
  if (definition.type === 'complex') return readComplex(definition, value, path);
  return readScalar(definition, value, path);
}

function readAttributes(
  attributes: readonly AttributeDefinition[],
  body: Json,
  prefix: string,
): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) {
    const definition = attributes.find((a) => a.name.toLowerCase() === key.toLowerCase());
    if (!definition || definition.mutability === 'readOnly') continue;
    if (value === null || value === undefined) continue;
    const read = readValue(definition, value, `${prefix}${definition.name}`);
    const empty =
      (Array.isArray(read) && read.length === 0) ||
      (typeof read === 'object' && read !== null && Object.keys(read).length === 0);
    if (!empty) out[definition.name] = read;
  }
  return out;
}

/**
 * The canonical writable attributes of a resource body, core and extensions (an extension's
 * attributes under its URN), plus `externalId`.
 */
export function readResourceBody(schema: ResourceSchema, body: unknown): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('invalidSyntax', 'The body must be a JSON object.');
  }
  const source = body as Json;
  const out = readAttributes(schema.core.attributes, source, '');
  const externalId = Object.entries(source).find(([key]) => key.toLowerCase() === 'externalid');
  if (externalId && externalId[1] !== null && externalId[1] !== undefined) {
    const value = readScalar(
      { type: 'string' } as AttributeDefinition,
      externalId[1],
      'externalId',
    );
    if ((value as string).trim() !== '') out.externalId = value;
  }
  for (const extension of schema.extensions) {
    const entry = Object.entries(source).find(
      ([key]) => key.toLowerCase() === extension.urn.toLowerCase(),
    );
    if (!entry || entry[1] === null || entry[1] === undefined) continue;
    if (typeof entry[1] !== 'object' || Array.isArray(entry[1])) {
      fail(extension.urn, 'must be an object.');
    }
    const read = readAttributes(extension.attributes, entry[1] as Json, `${extension.urn}:`);
    if (Object.keys(read).length > 0) out[extension.urn] = read;
  }
  return out;
}
