/** One request in a few words, for a results table: `github.com:443`, `read ~/.ssh/id_rsa`. */
export function summarizeRequest(request: unknown): string {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    return clip(JSON.stringify(request) ?? String(request));
  }
  const fields = request as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  switch (fields.surface) {
    case 'network': {
      const target = text(fields.host) ?? text(fields.ip) ?? '?';
      return `network ${target}${typeof fields.port === 'number' ? `:${fields.port}` : ''}`;
    }
    case 'filesystem':
      return `filesystem ${text(fields.access) ?? '?'} ${text(fields.path) ?? '?'}`;
    case 'credential':
      return `credential ${text(fields.credential) ?? '?'}${fields.destination ? ` → ${text(fields.destination)}` : ''}`;
    case 'mcp': {
      const server = (fields.server ?? {}) as Record<string, unknown>;
      const name =
        text(server.url) ?? (Array.isArray(server.command) ? server.command.join(' ') : '?');
      return `mcp ${name}${fields.tool ? ` · ${text(fields.tool)}` : ''}`;
    }
    default:
      return clip(JSON.stringify(request));
  }
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** An example request per surface, as one JSON line for the request box. */
export const exampleRequests = {
  network: { surface: 'network', host: 'github.com', port: 443 },
  filesystem: {
    surface: 'filesystem',
    path: '~/.ssh/id_ed25519',
    access: 'read',
    home: '/home/dana',
  },
  credential: { surface: 'credential', credential: 'GITHUB_TOKEN', destination: 'api.github.com' },
  mcp: { surface: 'mcp', server: { url: 'https://mcp.example.com/sse' }, tool: 'search' },
} as const;
