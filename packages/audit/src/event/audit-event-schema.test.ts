import { describe, expect, it } from 'vitest';
import { auditEventSchema, GENESIS_PREV } from './audit-event-schema';
import { hashAuditEvent } from './hash-audit-event';
import { resourceLabel } from './resource-label';
import { uuidV7Time } from './uuid-v7-time';

const valid = {
  id: '019ae4f2-9c3b-7a51-8f3e-2b4c6d8e0f12',
  time: '2026-12-03T16:40:00.123Z',
  device: '019ae4f2-0000-7000-8000-000000000001',
  surface: 'network',
  action: 'connect',
  resource: { host: 'api.github.com', port: 443 },
  decision: 'allow',
  mode: 'enforce',
  rule: { id: 'github', layer: 'group:engineering' },
  ver: 42,
  seq: 1,
  prev: GENESIS_PREV,
};

describe('auditEventSchema', () => {
  it('accepts the event of docs/audit.md', () => {
    expect(auditEventSchema.safeParse(valid).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown field (a prompt must never ride along)', { prompt: 'hi' }, ''],
    ['an upper-case id', { id: valid.id.toUpperCase() }, 'id'],
    ['a UUIDv4 id', { id: '019ae4f2-9c3b-4a51-8f3e-2b4c6d8e0f12' }, 'id'],
    ['a time without milliseconds', { time: '2026-12-03T16:40:00Z' }, 'time'],
    ['a time with an offset', { time: '2026-12-03T16:40:00.123+01:00' }, 'time'],
    ['an impossible date', { time: '2026-02-30T16:40:00.123Z' }, 'time'],
    ['an action of another surface', { action: 'read' }, 'action'],
    ['a resource of another surface', { resource: { path: '/etc/passwd' } }, 'resource'],
    ['an extra resource field', { resource: { host: 'a.example', body: 'secret' } }, 'resource'],
    ['a port out of range', { resource: { host: 'a.example', port: 70000 } }, 'resource'],
    ['seq 0', { seq: 0 }, 'seq'],
    ['a short prev', { prev: 'abc' }, 'prev'],
    ['a NUL in the host', { resource: { host: 'a\u0000b' } }, 'resource'],
  ])('refuses %s', (_name, change, path) => {
    const result = auditEventSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    if (!result.success && path)
      expect(result.error.issues.map((issue) => issue.path[0])).toContain(path);
  });

  it.each([
    ['filesystem', 'write', { path: '/home/a/.ssh/id_ed25519' }, '/home/a/.ssh/id_ed25519'],
    [
      'credential',
      'lease',
      { credential: 'github-token', destination: 'api.github.com' },
      'github-token → api.github.com',
    ],
    [
      'mcp',
      'invoke',
      { server: 'https://mcp.example.com/sse', tool: 'search' },
      'https://mcp.example.com/sse search',
    ],
    ['network', 'connect', { host: 'example.com' }, 'example.com'],
  ] as const)('accepts a %s %s and labels its resource', (surface, action, resource, label) => {
    const event = auditEventSchema.parse({ ...valid, surface, action, resource });
    expect(resourceLabel(event)).toBe(label);
  });
});

describe('hashAuditEvent', () => {
  it('is the sha256 of the canonical JSON, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(valid).reverse());
    expect(hashAuditEvent(reordered)).toBe(hashAuditEvent(valid));
    expect(hashAuditEvent(valid)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any field changes, prev included', () => {
    const base = hashAuditEvent(valid);
    expect(hashAuditEvent({ ...valid, decision: 'deny' })).not.toBe(base);
    expect(hashAuditEvent({ ...valid, prev: '1'.repeat(64) })).not.toBe(base);
  });
});

describe('uuidV7Time', () => {
  it('reads the 48-bit millisecond timestamp', () => {
    expect(new Date(uuidV7Time('0193e6c0-b040-7000-8000-000000000000')).toISOString()).toBe(
      '2024-12-21T01:06:48.000Z',
    );
  });
});
