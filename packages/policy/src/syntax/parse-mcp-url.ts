import { formatIpAddress } from './format-ip-address';
import { normalizeHost } from './normalize-host';

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
