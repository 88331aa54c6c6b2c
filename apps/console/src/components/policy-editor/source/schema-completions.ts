/** A step from a mapping to a key, or from a list to its items. */
export type SchemaStep = string | { readonly item: true };

export interface SchemaCompletion {
  readonly label: string;
  readonly detail?: string;
  readonly info?: string;
}

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  type?: string | string[];
  description?: string;
};

const itemStep = { item: true } as const;

function branches(schema: JsonSchema): JsonSchema[] {
  const nested = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  return [schema, ...nested.flatMap(branches)];
}

function step(schemas: JsonSchema[], next: SchemaStep): JsonSchema[] {
  return schemas.flatMap(branches).flatMap((schema) => {
    if (typeof next === 'string') {
      const property = schema.properties?.[next];
      return property === undefined ? [] : [property];
    }
    return schema.items === undefined ? [] : [schema.items];
  });
}

function resolve(root: unknown, path: readonly SchemaStep[]): JsonSchema[] {
  return path.reduce<JsonSchema[]>((schemas, next) => step(schemas, next), [root as JsonSchema]);
}

function describeType(schema: JsonSchema): string | undefined {
  if (schema.type === undefined) return undefined;
  return Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
}

/** The keys a mapping at `path` may hold, with the schema's descriptions. */
export function keyCompletions(root: unknown, path: readonly SchemaStep[]): SchemaCompletion[] {
  const found = new Map<string, SchemaCompletion>();
  for (const schema of resolve(root, path).flatMap(branches)) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (found.has(key)) continue;
      const detail = describeType(property);
      const info = property.description;
      found.set(key, {
        label: key,
        ...(detail === undefined ? {} : { detail }),
        ...(info === undefined ? {} : { info }),
      });
    }
  }
  return [...found.values()];
}

/** The values the schema allows at `path` when it names them (`enum`, `const`). */
export function valueCompletions(root: unknown, path: readonly SchemaStep[]): SchemaCompletion[] {
  const values = new Set<string>();
  for (const schema of resolve(root, path).flatMap(branches)) {
    for (const value of schema.enum ?? []) values.add(String(value));
    if (schema.const !== undefined) values.add(String(schema.const));
  }
  return [...values].map((label) => ({ label }));
}

const keyLine = /^(\s*)(-\s+)?([A-Za-z_][\w-]*)\s*:(?:\s|$)/;
const dashLine = /^(\s*)-(\s+|$)/;

/**
 * The path of the mapping that holds a key written at `column`, read from the block-style YAML
 * lines above it. Flow collections are not followed: completion is a help, not a parser.
 */
export function yamlPathAt(linesAbove: readonly string[], column: number): SchemaStep[] {
  const path: SchemaStep[] = [];
  let want = column;
  for (let index = linesAbove.length - 1; index >= 0 && want > 0; index -= 1) {
    const line = linesAbove[index] as string;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const dash = dashLine.exec(line);
    const key = keyLine.exec(line);
    if (dash !== null) {
      const content = indent + (dash[0].length - (dash[1]?.length ?? 0));
      if (content > want) continue;
      if (content < want && key?.[3] !== undefined) path.unshift(key[3]);
      path.unshift(itemStep);
      want = indent;
      continue;
    }
    if (indent < want && key?.[3] !== undefined) {
      path.unshift(key[3]);
      want = indent;
    }
  }
  return path;
}
