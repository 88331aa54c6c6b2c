import canonicalize from 'canonicalize';
import { BundleFormatError, maxJsonDepth } from './bundle-format-error';

// A lone surrogate has no UTF-8 form, so two parties would hash different bytes for it.
const loneSurrogate = /\p{Cs}/u;

/**
 * RFC 8785 (JCS) canonical JSON. `canonicalize` (by the RFC's author) does the writing; this
 * refuses first what it would silently drop or rewrite (undefined members, functions, Dates
 * through `toJSON`, holes in arrays), because a signer must sign exactly the value it was given.
 */
export function canonicalJson(value: unknown): string {
  assertJsonValue(value, '$', 0, new Set());
  const text = canonicalize(value);
  if (text === undefined) throw new BundleFormatError('not_json_value', '$ has no JSON form');
  return text;
}

function assertJsonValue(value: unknown, path: string, depth: number, ancestors: Set<object>) {
  if (depth > maxJsonDepth) refuse(path, `is nested deeper than ${maxJsonDepth} levels`);
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (loneSurrogate.test(value)) refuse(path, 'holds a lone UTF-16 surrogate');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse(path, `is ${value}, which JSON cannot hold`);
    return;
  }
  if (typeof value !== 'object') refuse(path, `has no JSON form (${typeof value})`);
  if (ancestors.has(value)) refuse(path, 'refers back to itself');
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      if (!(index in value)) refuse(`${path}[${index}]`, 'is a hole in the array');
      assertJsonValue(value[index], `${path}[${index}]`, depth + 1, ancestors);
    }
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null)
      refuse(path, 'is not a plain object (a Date, Map or class instance has no one JSON form)');
    if (Object.getOwnPropertySymbols(value).length > 0) refuse(path, 'has symbol keys');
    for (const [key, member] of Object.entries(value)) {
      if (loneSurrogate.test(key)) refuse(path, 'has a member name with a lone UTF-16 surrogate');
      assertJsonValue(member, `${path}.${key}`, depth + 1, ancestors);
    }
  }
  ancestors.delete(value);
}

function refuse(path: string, problem: string): never {
  throw new BundleFormatError('not_json_value', `${path} ${problem}`);
}
