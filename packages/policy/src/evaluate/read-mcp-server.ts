import { parseMcpUrl } from '../syntax/parse-mcp-url';
import { findUnknownField } from './find-unknown-field';

export type McpServer =
  | { readonly kind: 'url'; readonly origin: string; readonly segments: readonly string[] }
  | { readonly kind: 'command'; readonly command: readonly string[] };

const SERVER_FIELDS = new Set(['url', 'command']);

/**
 * Copies the command while checking it, so the lookup works on the strings that were checked
 * even if the caller's array changes, or is a proxy that answers differently the second time.
 */
function readCommand(value: unknown): McpServer | string {
  const problem = 'server.command must be a non-empty list of strings';
  if (!Array.isArray(value) || value.length === 0) return problem;
  const command: string[] = [];
  for (let index = 0; index < value.length; index++) {
    const argument: unknown = value[index];
    if (typeof argument !== 'string') return problem;
    if (argument.includes('\u0000')) return 'server.command contains a NUL character';
    command.push(argument);
  }
  return { kind: 'command', command };
}

/** Validates a request's `server`: exactly one of `url` and `command`, nothing else. */
export function readMcpServer(value: unknown): McpServer | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'server must be an object';
  const server = value as Readonly<Record<string, unknown>>;
  const unknown = findUnknownField(server, SERVER_FIELDS);
  if (unknown !== null) return `server: ${unknown}`;
  const { url, command } = server;
  if ((url === undefined) === (command === undefined)) {
    return 'server needs exactly one of url and command';
  }
  if (command !== undefined) return readCommand(command);
  if (typeof url !== 'string') return 'server.url must be a string';
  const parsed = parseMcpUrl(url);
  if (!parsed.ok) return `server.url: ${parsed.message}`;
  return { kind: 'url', origin: parsed.url.origin, segments: parsed.url.segments };
}
