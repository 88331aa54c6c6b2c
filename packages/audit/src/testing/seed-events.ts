import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PrismaClient } from '@parapet/db';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { GENESIS_PREV } from '../event/audit-event-schema';
import { resourceLabel } from '../event/resource-label';

// Realistic audit events for tests and the dashboard bench: organizations with people, policy
// groups and devices (real rows, so names resolve), and events with valid per-device chains,
// stored with COPY in the columns ingestion fills. Everything comes from a seeded generator,
// so a failing property test names the seed that reproduces it.

export type SeedDevice = { id: string; orgId: string; personId: string | null; groups: string[] };
export type SeededAuditOrg = {
  orgId: string;
  people: { id: string; email: string }[];
  groups: string[];
  devices: SeedDevice[];
};

/** A small fast generator (mulberry32): the same seed gives the same events. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * An organization (or, with `orgId`, an existing one) with `people` people in `groups` groups,
 * each person with devices.
 */
export async function seedAuditOrg({
  prisma,
  orgId,
  name = `Audit org ${randomUUID().slice(0, 8)}`,
  people = 5,
  devices = 8,
  groups = ['engineering', 'finance', 'platform'],
}: {
  prisma: PrismaClient;
  orgId?: string;
  name?: string;
  people?: number;
  devices?: number;
  groups?: string[];
}): Promise<SeededAuditOrg> {
  const org = orgId ? { id: orgId } : await prisma.organization.create({ data: { name } });
  await prisma.policyGroup.createMany({
    data: groups.map((group) => ({ orgId: org.id, name: group })),
  });
  const personRows = Array.from({ length: people }, (_, index) => ({
    id: randomUUID(),
    orgId: org.id,
    email: `person-${index}@${org.id.slice(0, 8)}.example`,
  }));
  await prisma.person.createMany({ data: personRows });
  const deviceRows: SeedDevice[] = Array.from({ length: devices }, (_, index) => ({
    id: randomUUID(),
    orgId: org.id,
    // Every tenth device has nobody: a shared build machine.
    personId: index % 10 === 9 ? null : (personRows[index % people]?.id ?? null),
    groups: groups.filter((_, groupIndex) => (index + groupIndex) % 3 !== 0).slice(0, 2),
  }));
  await prisma.device.createMany({
    data: deviceRows.map((device, index) => ({
      id: device.id,
      orgId: org.id,
      personId: device.personId,
      groups: device.groups,
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: randomUUID() },
      publicKeyThumbprint: createHash('sha256').update(device.id).digest('hex'),
      hostname: `host-${index}-${org.id.slice(0, 4)}`,
      os: 'macOS 15.4',
      agentVersion: '0.1.0',
    })),
  });
  return {
    orgId: org.id,
    people: personRows.map(({ id, email }) => ({ id, email })),
    groups,
    devices: deviceRows,
  };
}

const hosts = ['api.github.com', 'registry.npmjs.org', 'pastebin.com', 'evil.example', 'pypi.org'];
const paths = ['/etc/passwd', '~/.ssh/id_ed25519', '~/src/app/main.ts', '~/.aws/credentials'];
const servers = ['npx @acme/mcp-files', 'https://mcp.linear.app/sse', 'uvx mcp-shell'];
const tools = ['read_file', 'run_command', 'create_issue'];
const credentials = ['github-token', 'aws-prod', 'openai-key'];
const rules = ['github', 'npm', 'block-secrets', 'no-shell', 'linear'];

function pick<Item>(items: readonly Item[], random: () => number): Item {
  // Squared: the first items are the common ones, as in real traffic.
  return items[Math.floor(random() ** 2 * items.length)] as Item;
}

/**
 * A UUIDv7 made at `ms`. Its other bits are random (not from the seeded generator): two seedings
 * with one seed must not make the same ids.
 */
export function uuidV7At(ms: number): string {
  const time = ms.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

/** Keys in code-unit order at every level: JSON.stringify of it is RFC 8785 for these shapes. */
function sortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member === undefined) continue;
    sorted[key] =
      member !== null && typeof member === 'object' && !Array.isArray(member)
        ? sortedKeys(member as Record<string, unknown>)
        : member;
  }
  return sorted;
}

function randomDecision(random: () => number) {
  const roll = random();
  const decision = roll < 0.78 ? 'allow' : roll < 0.95 ? 'deny' : 'ask';
  return { decision, mode: random() < 0.15 ? 'audit' : 'enforce' } as const;
}

function randomRequest(random: () => number) {
  const roll = random();
  if (roll < 0.5) {
    const port = random() < 0.8 ? 443 : undefined;
    return { surface: 'network', action: 'connect', resource: { host: pick(hosts, random), port } };
  }
  if (roll < 0.8) {
    const action = random() < 0.7 ? 'read' : 'write';
    return { surface: 'filesystem', action, resource: { path: pick(paths, random) } };
  }
  if (roll < 0.95) {
    const tool = random() < 0.8 ? pick(tools, random) : undefined;
    const action = tool ? 'invoke' : 'register';
    return { surface: 'mcp', action, resource: { server: pick(servers, random), tool } };
  }
  return {
    surface: 'credential',
    action: 'lease',
    resource: { credential: pick(credentials, random) },
  };
}

type ChainState = { seq: number; hash: string };

/** One COPY line (text format) for an event of `device` at `ms`, advancing its chain. */
function eventLine(
  device: SeedDevice,
  ms: number,
  chain: ChainState,
  random: () => number,
): string {
  const request = randomRequest(random);
  const { decision, mode } = randomDecision(random);
  const ruleId = decision === 'deny' && random() < 0.3 ? null : pick(rules, random);
  const rule = { id: ruleId, layer: ruleId === null ? 'default' : 'baseline' };
  const body = sortedKeys({
    id: uuidV7At(ms),
    time: new Date(ms).toISOString(),
    device: device.id,
    session: { id: `s-${Math.floor(random() * 1000)}`, agent: 'claude-code' },
    ...request,
    decision,
    mode,
    rule,
    ver: 3,
    seq: chain.seq + 1,
    prev: chain.hash,
  });
  const json = JSON.stringify(body);
  const hash = createHash('sha256').update(json).digest('hex');
  chain.seq += 1;
  chain.hash = hash;
  const label = resourceLabel(body as { surface: 'network'; resource: Record<string, unknown> });
  const cells: (string | null)[] = [
    String(body.id),
    device.orgId,
    device.id,
    device.personId,
    `{${device.groups.join(',')}}`,
    String(body.time),
    String(body.time),
    request.surface,
    request.action,
    decision,
    mode,
    label,
    ruleId,
    rule.layer,
    '3',
    String(chain.seq),
    hash,
    chain.seq === 1 ? 'first' : 'ok',
    json,
  ];
  return `${cells.map(copyCell).join('\t')}\n`;
}

function copyCell(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (character) =>
    character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r',
  );
}

/**
 * Stores `count` events spread evenly over [from, to) across `devices` (some busier than
 * others), each device's chain valid from seq 1, with COPY, and brings audit.device_chains to
 * the chains' ends. Creates the day partitions the range needs. Returns the ids' time span.
 */
export async function seedEvents({
  pool,
  devices,
  count,
  from,
  to,
  seed = 1,
  batchRows = 5_000,
}: {
  pool: pg.Pool;
  devices: readonly SeedDevice[];
  count: number;
  from: Date;
  to: Date;
  seed?: number;
  batchRows?: number;
}): Promise<{ stored: number }> {
  if (devices.length === 0 || count === 0) return { stored: 0 };
  const random = seededRandom(seed);
  await pool.query(
    `SELECT audit.ensure_event_partitions(($1::timestamptz - interval '1 day')::date,
       ($2::timestamptz + interval '1 day')::date)`,
    [from, to],
  );
  const chains = await readDeviceChains(pool, devices);
  const step = (to.getTime() - from.getTime()) / count;
  function* lines(): Generator<string> {
    for (let start = 0; start < count; start += batchRows) {
      let batch = '';
      for (let index = start; index < Math.min(count, start + batchRows); index += 1) {
        const device = pick(devices, random);
        const ms = Math.floor(from.getTime() + (index + random()) * step);
        batch += eventLine(device, ms, chains.get(device.id) as ChainState, random);
      }
      yield batch;
    }
  }
  const client = await pool.connect();
  try {
    const copy = client.query(
      copyFrom(`COPY audit.events (id, org_id, device_id, person_id, groups, time, received_at,
        surface, action, decision, mode, resource, rule_id, rule_layer, ver, seq, hash, chain, body)
        FROM STDIN`),
    );
    await pipeline(Readable.from(lines()), copy);
  } finally {
    client.release();
  }
  await writeDeviceChains(pool, devices, chains);
  return { stored: count };
}

/** Where each device's chain stands, so a second seeding continues it. */
async function readDeviceChains(
  pool: pg.Pool,
  devices: readonly SeedDevice[],
): Promise<Map<string, ChainState>> {
  const chains = new Map(devices.map((device) => [device.id, { seq: 0, hash: GENESIS_PREV }]));
  const { rows } = await pool.query<{ device_id: string; last_seq: string; last_hash: string }>(
    'SELECT device_id, last_seq, last_hash FROM audit.device_chains WHERE device_id = ANY($1::uuid[])',
    [devices.map((device) => device.id)],
  );
  for (const row of rows)
    chains.set(row.device_id, { seq: Number(row.last_seq), hash: row.last_hash });
  return chains;
}

async function writeDeviceChains(
  pool: pg.Pool,
  devices: readonly SeedDevice[],
  chains: Map<string, ChainState>,
): Promise<void> {
  const used = devices.filter((device) => (chains.get(device.id)?.seq ?? 0) > 0);
  await pool.query(
    `INSERT INTO audit.device_chains (device_id, org_id, last_seq, last_hash, events)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $3::bigint[])
     ON CONFLICT (device_id) DO UPDATE SET last_seq = excluded.last_seq,
       last_hash = excluded.last_hash, events = excluded.events`,
    [
      used.map((device) => device.id),
      used.map((device) => device.orgId),
      used.map((device) => chains.get(device.id)?.seq ?? 0),
      used.map((device) => chains.get(device.id)?.hash ?? GENESIS_PREV),
    ],
  );
}
