/**
 * The path to return to after an SSO sign-in, or '/' when `value` is not a same-origin relative
 * path. Only `/…` is accepted: no scheme, no `//host` (protocol-relative), no backslash (browsers
 * read `/\host` as `//host`), no control characters or whitespace, and nothing that resolves to
 * another origin.
 */
export function safeCallbackUrl(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  if (value.includes('\\')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u0020\u007f]/.test(value)) return fallback;
  const base = 'http://callback.invalid';
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
