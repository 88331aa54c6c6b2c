import type { z } from 'zod';
import type { IssuePath } from './format-issue-path';

export interface RawIssue {
  readonly path: IssuePath;
  readonly message: string;
}

/** Reads the value at `path` in the raw input, to say what was found instead of what was wanted. */
export function valueAt(root: unknown, path: IssuePath): unknown {
  let value = root;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[step as string];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  array: 'a list',
  object: 'a mapping (key: value)',
  string: 'text',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

// Some unknown fields are known mistakes; say what the author most likely meant.
function unknownFieldHint(path: IssuePath, key: string): string {
  const surface = path[0];
  if (surface === 'mcp' && key === 'tools') {
    return ': a deny rule takes no tools, it denies the whole server; deny single tools with tools.deny on an allow rule';
  }
  if (surface === 'network' && key === 'except') return ': except narrows deny rules only';
  if (surface === 'credentials' && key === 'ttl') return ': ttl applies to allow rules only';
  return '';
}

function describeInvalidType(issue: z.core.$ZodIssueInvalidType, root: unknown): string {
  const value = valueAt(root, issue.path);
  if (value === undefined) return 'is required';
  const wanted = TYPE_NAMES[issue.expected] ?? issue.expected;
  const quoteHint =
    issue.expected === 'string' && typeof value === 'number' ? ' (put it in quotes)' : '';
  return `must be ${wanted}, found ${describeValue(value)}${quoteHint}`;
}

/** Turns one zod issue into one or more issues worded for the person who wrote the policy. */
export function describeZodIssue(issue: z.core.$ZodIssue, root: unknown): RawIssue[] {
  switch (issue.code) {
    case 'invalid_type':
      return [{ path: issue.path, message: describeInvalidType(issue, root) }];
    case 'invalid_value': {
      const values = issue.values.map((value) => String(value));
      const value = valueAt(root, issue.path);
      const prefix = value === undefined ? 'is required: ' : '';
      const wanted =
        values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`;
      return [{ path: issue.path, message: `${prefix}${wanted}` }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...issue.path, key],
        message: `unknown field ${JSON.stringify(key)}${unknownFieldHint(issue.path, key)}`,
      }));
    case 'invalid_union': {
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const listed = (issue as { options?: unknown }).options;
        const options = Array.isArray(listed) ? listed.map(String).join(', ') : '';
        const missing = valueAt(root, issue.path) === undefined;
        return [
          {
            path: issue.path,
            message: `${missing ? 'is required: ' : 'must be '}one of ${options}`,
          },
        ];
      }
      return [{ path: issue.path, message: 'has the wrong type' }];
    }
    default:
      return [{ path: issue.path, message: issue.message }];
  }
}
