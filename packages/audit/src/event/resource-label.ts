import type { AuditEvent } from './audit-event-schema';

/**
 * One display string for an event's resource, stored beside the event for filters and top
 * lists: `host:port` (or `host`), the path, the credential (`→ destination` when named), the
 * MCP server with ` tool` when there is one.
 */
export function resourceLabel(event: Pick<AuditEvent, 'surface' | 'resource'>): string {
  const resource = event.resource as Record<string, unknown>;
  switch (event.surface) {
    case 'network':
      return resource.port === undefined
        ? String(resource.host)
        : `${resource.host}:${resource.port}`;
    case 'filesystem':
      return String(resource.path);
    case 'credential':
      return resource.destination === undefined
        ? String(resource.credential)
        : `${resource.credential} → ${resource.destination}`;
    case 'mcp':
      return resource.tool === undefined
        ? String(resource.server)
        : `${resource.server} ${resource.tool}`;
  }
}
