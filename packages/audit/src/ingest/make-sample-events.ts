import { randomBytes } from 'node:crypto';
import { type AuditEvent, GENESIS_PREV } from '../event/audit-event-schema';
import { canonicalAuditEvent } from '../event/hash-audit-event';

/** A lower-case UUIDv7 made at `ms`, with random bits from `random` (10 bytes). */
export function uuidV7At(ms: number, random: Buffer = randomBytes(10)): string {
  const time = ms.toString(16).padStart(12, '0');
  const hex = random.toString('hex');
  const variant = ((Number.parseInt(hex.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(0, 3)}-${variant}${hex.slice(4, 7)}-${hex.slice(8, 20)}`;
}

const hosts = ['api.github.com', 'registry.npmjs.org', 'pypi.org', 'example.com', 'evil.test'];
const paths = ['/home/dev/project/src/index.ts', '/home/dev/.ssh/id_ed25519', '/etc/hosts'];

/**
 * A device's next `count` events as an agent makes them (ids, seq from `after.seq + 1`, each
 * `prev` the hash of the one before), varied over the four surfaces, each with its keys in
 * canonical order as the agent writes them: for tests and benchmarks.
 */
export function makeSampleEvents({
  device,
  count,
  after = { seq: 0, hash: GENESIS_PREV },
  now = Date.now(),
}: {
  device: string;
  count: number;
  after?: { seq: number; hash: string };
  now?: number;
}): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prev = after.hash;
  for (let i = 0; i < count; i += 1) {
    const seq = after.seq + i + 1;
    const ms = now - count + i;
    const event: AuditEvent = {
      id: uuidV7At(ms),
      time: new Date(ms).toISOString(),
      device,
      user: 'dev@example.com',
      session: { id: `s-${seq % 7}`, agent: 'claude-code' },
      ...sampleDecision(seq),
      rule: seq % 5 === 0 ? { id: null, layer: 'default' } : { id: 'github', layer: 'org' },
      ver: 42,
      seq,
      prev,
    };
    // As parapet-agent buffers it: the canonical text, so the keys come in canonical order.
    const canonical = canonicalAuditEvent(event);
    prev = canonical.hash;
    events.push(JSON.parse(canonical.text) as AuditEvent);
  }
  return events;
}

function sampleDecision(
  seq: number,
): Pick<AuditEvent, 'surface' | 'action' | 'resource' | 'decision' | 'mode'> {
  const decision = seq % 5 === 0 ? 'deny' : 'allow';
  const mode = seq % 11 === 0 ? 'audit' : 'enforce';
  switch (seq % 4) {
    case 0:
      return {
        surface: 'filesystem',
        action: 'read',
        resource: { path: paths[seq % paths.length] as string },
        decision,
        mode,
      };
    case 1:
      return {
        surface: 'mcp',
        action: 'invoke',
        resource: { server: 'https://mcp.example.com/sse', tool: 'search' },
        decision,
        mode,
      };
    case 2:
      return {
        surface: 'credential',
        action: 'lease',
        resource: { credential: 'github-token', destination: 'api.github.com' },
        decision,
        mode,
      };
    default:
      return {
        surface: 'network',
        action: 'connect',
        resource: { host: hosts[seq % hosts.length] as string, port: 443 },
        decision,
        mode,
      };
  }
}
