import type { McpServerSpec } from '../types';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

// The Cedar model names each MCP server by what runs, like Parapet: a url reduced to scheme,
// host, port (default filled in) and path without a trailing slash (query and fragment
// dropped), or the command's argument array as JSON.
export function urlServerKey(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const port = parsed.port || DEFAULT_PORTS[parsed.protocol] || '';
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.protocol}//${parsed.hostname}:${port}${path}`;
}

export function commandServerKey(command: readonly string[]): string {
  return JSON.stringify(command);
}

export function requestServerKey(server: McpServerSpec): string | undefined {
  return 'url' in server ? urlServerKey(server.url) : commandServerKey(server.command);
}
