import { type ScimPatchOperation, scimPatch } from 'scim-patch';
import { resolveAttributePath } from './resolve-attribute-path';
import type { ResourceSchema } from './scim-attributes';
import { badRequest, ScimError } from './scim-error';

// PATCH (RFC 7644 §3.5.2) on scim-patch, with the checks and readings the library leaves to
// us: the PatchOp schema and Operations are required; op names are case-insensitive (Entra
// sends "Add"/"Replace"/"Remove"); a path names a known attribute (400 invalidPath) that is
// not readOnly (400 mutability), in canonical case (the library matches names exactly); an
// operation without a path has each of its value's attributes applied as a path of its own,
// readOnly ones (Okta sends the group's `id`) skipped; removing what is not there is a no-op.
// The patched resource is then read like a PUT body, which types every value.

export const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const maxPatchOperations = 1_000;

type Json = Record<string, unknown>;
type Operation = { op: 'add' | 'replace' | 'remove'; path?: string; value?: unknown };

export function readPatchOperations(body: unknown): Operation[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('invalidSyntax', 'The body must be a JSON object.');
  }
  const source = body as Json;
  const schemas = source.schemas;
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => String(s).toLowerCase() === patchOpSchema.toLowerCase())
  ) {
    throw badRequest('invalidSyntax', `A PATCH body's schemas must include ${patchOpSchema}.`);
  }
  const operations = Object.entries(source).find(
    ([key]) => key.toLowerCase() === 'operations',
  )?.[1];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest('invalidSyntax', 'A PATCH body needs a non-empty Operations array.');
  }
  if (operations.length > maxPatchOperations) {
    throw badRequest('tooMany', `At most ${maxPatchOperations} operations per PATCH.`);
  }
  return operations.map((operation, index) => readOperation(operation, index));
}

function readOperation(operation: unknown, index: number): Operation {
  if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) {
    throw badRequest('invalidSyntax', `Operations[${index}] must be an object.`);
  }
  const entries = Object.entries(operation as Json);
  const field = (name: string) => entries.find(([key]) => key.toLowerCase() === name)?.[1];
  const op = field('op');
  const path = field('path');
  const kinds = ['add', 'replace', 'remove'];
  if (typeof op !== 'string' || !kinds.includes(op.toLowerCase())) {
    throw badRequest('invalidSyntax', `Operations[${index}].op must be add, replace or remove.`);
  }
  if (path !== undefined && path !== null && (typeof path !== 'string' || path.trim() === '')) {
    throw badRequest('invalidPath', `Operations[${index}].path must be a non-empty string.`);
  }
  const kind = op.toLowerCase() as Operation['op'];
  const value = field('value');
  if (kind === 'remove' && (path === undefined || path === null)) {
    throw badRequest('noTarget', `Operations[${index}] removes without a path.`);
  }
  if (kind !== 'remove' && value === undefined) {
    throw badRequest('invalidValue', `Operations[${index}] has no value.`);
  }
  return { op: kind, ...(typeof path === 'string' ? { path: path.trim() } : {}), value };
}

const pathPattern =
  /^((?:urn:[^[]*:)?)([A-Za-z_$][\w$-]*)(?:\.([A-Za-z_$][\w$-]*))?(\[.*\])?(?:\.([A-Za-z_$][\w$-]*))?$/s;

/** The path with its attribute names in canonical case, checked against the schema. */
function canonicalPath(schema: ResourceSchema, path: string): string {
  const match = pathPattern.exec(path);
  if (!match) throw badRequest('invalidPath', `The path ${JSON.stringify(path)} is not valid.`);
  const [, urn = '', name = '', dottedSub, filter, filterSub] = match;
  if (dottedSub && (filter || filterSub)) {
    throw badRequest('invalidPath', `The path ${JSON.stringify(path)} is not valid.`);
  }
  const resolved = resolveAttributePath(schema, `${urn}${name}`);
  if (!resolved)
    throw badRequest(
      'invalidPath',
      `The path ${JSON.stringify(path)} names no attribute this server has.`,
    );
  if (resolved.attribute.mutability === 'readOnly' || resolved.attribute.name === 'id') {
    throw new ScimError(400, `${resolved.attribute.name} is read-only.`, 'mutability');
  }
  if (filter && !resolved.attribute.multiValued) {
    throw badRequest(
      'invalidPath',
      `${resolved.attribute.name} is not multi-valued; it takes no filter.`,
    );
  }
  const sub = dottedSub ?? filterSub;
  const subDefinition = sub
    ? resolved.attribute.subAttributes?.find((s) => s.name.toLowerCase() === sub.toLowerCase())
    : undefined;
  if (sub && !subDefinition) {
    throw badRequest('invalidPath', `${resolved.attribute.name} has no sub-attribute ${sub}.`);
  }
  const prefix = resolved.extension ? `${resolved.extension}:` : '';
  const base = `${prefix}${resolved.attribute.name}`;
  if (filter) return `${base}${filter}${subDefinition ? `.${subDefinition.name}` : ''}`;
  return subDefinition ? `${base}.${subDefinition.name}` : base;
}

/** An operation without a path, as one operation per attribute of its value. */
function expandPathless(schema: ResourceSchema, operation: Operation): Operation[] {
  const { value } = operation;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('invalidValue', 'An operation without a path needs an object value.');
  }
  return Object.entries(value as Json).flatMap(([key, item]): Operation[] => {
    const extension = schema.extensions.find((e) => e.urn.toLowerCase() === key.toLowerCase());
    if (extension && typeof item === 'object' && item !== null && !Array.isArray(item)) {
      return Object.entries(item as Json).map(([sub, subValue]) => ({
        op: operation.op,
        path: `${extension.urn}:${sub}`,
        value: subValue,
      }));
    }
    const resolved = resolveAttributePath(schema, key);
    // Unknown and readOnly attributes are ignored here as they are in a PUT body.
    if (!resolved || resolved.attribute.mutability === 'readOnly') return [];
    return [{ op: operation.op, path: key, value: item }];
  });
}

/** Applies the operations to `resource` (canonical form, with schemas and meta). */
export function applyScimPatch(
  schema: ResourceSchema,
  resource: Json,
  operations: readonly Operation[],
): Json {
  let current = resource;
  const expanded = operations.flatMap((operation) =>
    operation.path === undefined ? expandPathless(schema, operation) : [operation],
  );
  for (const operation of expanded) {
    const path = canonicalPath(schema, operation.path as string);
    const patch = { ...operation, path } as ScimPatchOperation;
    try {
      current = scimPatch(current as never, [patch], {
        mutateDocument: false,
        treatMissingAsAdd: true,
      });
    } catch (error) {
      if (
        operation.op === 'remove' &&
        /NoTarget|FilterOnEmptyArray|FilterArrayTargetNotFound|RemoveValueNotArray/.test(
          String((error as Error)?.constructor?.name),
        )
      ) {
        continue;
      }
      const scimCode = (error as { scimCode?: string }).scimCode;
      const kind =
        scimCode === 'noTarget'
          ? 'noTarget'
          : scimCode === 'invalidPath'
            ? 'invalidPath'
            : 'invalidValue';
      throw badRequest(
        kind,
        `Operation on ${path} failed: ${(error as Error).message}`.slice(0, 300),
      );
    }
  }
  return current;
}
