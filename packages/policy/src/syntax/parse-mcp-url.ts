import { formatIpAddress } from './format-ip-address';
import { canonicalHostName, normalizeHost } from './normalize-host';

/** An MCP server URL reduced to what identifies the server: origin and path segments. */
export interface McpUrl {
  /** `scheme://host:port`, with the default port filled in and the host normalised. */
  readonly origin: string;
  readonly segments: readonly string[];
}

export type McpUrlResult =
  | { readonly ok: true; readonly url: McpUrl }
  | { readonly ok: false; readonly message: string };

const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  'http:': '80',
  'https:': '443',
  'ws:': '80',
  'wss:': '443',
};

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Brings percent-encoding to one spelling so `/%6Dcp` and `/mcp` are the same path: unreserved
 * characters are decoded, other escapes upper-cased. An encoded `/`, `\` or NUL is refused, since
 * servers disagree on whether it splits a segment.
 */
function normalizeSegment(segment: string): string | null {
  if (!segment.includes('%')) return segment;
  let result = '';
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index] ?? '';
    const hex = segment.slice(index + 1, index + 3);
    if (char !== '%' || !/^[0-9A-Fa-f]{2}$/.test(hex)) {
      result += char;
      continue;
    }
    const decoded = String.fromCharCode(Number.parseInt(hex, 16));
    if (decoded === '/' || decoded === '\\' || decoded === '\u0000') return null;
    result += UNRESERVED.test(decoded) ? decoded : `%${hex.toUpperCase()}`;
    index += 2;
  }
  return result;
}

function splitUrlPath(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    const segment = normalizeSegment(raw);
    if (segment === null) return null;
    segments.push(segment);
  }
  return segments;
}

/**
 * Parses an MCP server URL, in a rule or a request, with the WHATWG parser: scheme and host are
 * lower-cased, the default port is filled in, dot segments are resolved, query and fragment are
 * dropped, a trailing `/` and repeated `/` do not count. Only http, https, ws and wss are MCP
 * transports. Userinfo is refused: credentials belong in the credential surface, and
 * `https://trusted@evil/` is a classic way to make a URL read as something it is not.
 */
export function parseMcpUrl(text: string): McpUrlResult {
  if (text.length > 4096) return { ok: false, message: 'the URL is too long' };
  const simple = parseSimpleMcpUrl(text);
  if (simple !== null) return { ok: true, url: simple };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `${JSON.stringify(text)} is not a valid URL` };
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined) {
    return {
      ok: false,
      message: `the scheme ${url.protocol} is not an MCP transport; use http, https, ws or wss`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'an MCP server URL cannot carry a user name or password' };
  }
  const host = normalizeHost(url.hostname);
  if (host.kind === 'invalid') return { ok: false, message: host.reason };
  const hostText = host.kind === 'name' ? host.name : formatIpAddress(host.address);
  const bracketed =
    host.kind === 'address' && host.address.version === 6 ? `[${hostText}]` : hostText;
  const segments = splitUrlPath(url.pathname);
  if (segments === null)
    return { ok: false, message: 'the URL path contains an encoded "/", "\\" or NUL' };
  return {
    ok: true,
    url: { origin: `${url.protocol}//${bracketed}:${url.port || defaultPort}`, segments },
  };
}

export function formatMcpUrl(url: McpUrl): string {
  return `${url.origin}/${url.segments.join('/')}`;
}

const FAST_SCHEMES: Readonly<Record<string, string>> = {
  http: '80',
  https: '443',
  ws: '80',
  wss: '443',
};

function isPlainPathCharacter(code: number): boolean {
  // Unreserved characters, sub-delimiters, `:`, `@` and `/`: what URL leaves untouched.
  return (
    (code >= 97 && code <= 122) ||
    (code >= 64 && code <= 90) ||
    (code >= 38 && code <= 59) ||
    code === 33 ||
    code === 36 ||
    code === 61 ||
    code === 95 ||
    code === 126
  );
}

function fastPathSegments(path: string): string[] | null {
  for (let index = 0; index < path.length; index++) {
    if (!isPlainPathCharacter(path.charCodeAt(index))) return null;
  }
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '') continue;
    if (segment === '.' || segment === '..') return null;
    segments.push(segment);
  }
  return segments;
}

/**
 * The common case without `URL`: a lower-case http(s)/ws(s) scheme, a plain host name, an
 * optional port and a path of plain characters. Anything else (userinfo, IP literals, escapes,
 * dot segments, backslashes) returns null and is left to the WHATWG parser, so both paths agree.
 */
export function parseSimpleMcpUrl(text: string): McpUrl | null {
  const schemeEnd = text.indexOf('://');
  const defaultPort = schemeEnd > 0 ? FAST_SCHEMES[text.slice(0, schemeEnd)] : undefined;
  if (defaultPort === undefined) return null;
  const authorityStart = schemeEnd + 3;
  let authorityEnd = authorityStart;
  while (authorityEnd < text.length) {
    const code = text.charCodeAt(authorityEnd);
    if (code === 47 || code === 63 || code === 35) break;
    authorityEnd++;
  }
  const authority = text.slice(authorityStart, authorityEnd);
  const colon = authority.indexOf(':');
  const hostText = colon === -1 ? authority : authority.slice(0, colon);
  let port = defaultPort;
  if (colon !== -1) {
    port = authority.slice(colon + 1);
    if (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > 65535) return null;
  }
  const host = canonicalHostName(hostText);
  if (host === null || host !== hostText) return null;
  let pathEnd = authorityEnd;
  while (
    pathEnd < text.length &&
    text.charCodeAt(pathEnd) !== 63 &&
    text.charCodeAt(pathEnd) !== 35
  )
    pathEnd++;
  const segments = fastPathSegments(text.slice(authorityEnd, pathEnd));
  if (segments === null) return null;
  return { origin: `${text.slice(0, schemeEnd)}://${host}:${port}`, segments };
}
