import { ScimError } from './scim-error';
import { etagOf } from './user-resource';

// ETags (RFC 7644 §3.14): weak, W/"<version>", the version growing with every change.

function listedTags(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

function sameTag(a: string, b: string): boolean {
  const strip = (tag: string) => tag.replace(/^W\//i, '');
  return strip(a) === strip(b);
}

/** If-Match on PUT, PATCH and DELETE: a listed version other than the current one is 412. */
export function checkIfMatch(header: string | undefined, version: number): void {
  if (header === undefined || header.trim() === '') return;
  const tags = listedTags(header);
  if (tags.includes('*') || tags.some((tag) => sameTag(tag, etagOf(version)))) return;
  throw new ScimError(412, `The resource has changed: its version is now ${etagOf(version)}.`);
}

/** If-None-Match on GET: whether the client's copy is current (answer 304). */
export function matchesIfNoneMatch(header: string | undefined, version: number): boolean {
  if (header === undefined || header.trim() === '') return false;
  const tags = listedTags(header);
  return tags.includes('*') || tags.some((tag) => sameTag(tag, etagOf(version)));
}
