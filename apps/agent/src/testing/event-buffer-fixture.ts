import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditEvent, auditEventSchema, GENESIS_PREV, hashAuditEvent } from '@parapet/audit';
import { listSegments } from '../events/buffer-segments';
import { bufferDir, readBufferState } from '../events/buffer-state';
import { liveLines } from '../events/buffer-walk';
import { writeDevice } from '../state/agent-state';
import { ensureStateFolder } from '../state/state-folder';

export const TEST_DEVICE = '0190a0b0-0000-7000-8000-000000000001';

/** A state folder with only a device record: enough for `report --no-upload`. */
export async function deviceOnlyState(device = TEST_DEVICE): Promise<{
  stateDir: string;
  close: () => Promise<void>;
}> {
  const root = await mkdtemp(join(tmpdir(), 'parapet-agent-events-'));
  const stateDir = join(root, 'state');
  await ensureStateFolder(stateDir);
  await writeDevice(stateDir, {
    device,
    org: 'org_test',
    issuer: 'https://parapet.test',
    server: 'http://127.0.0.1:9',
    enrolledAt: new Date().toISOString(),
  });
  return { stateDir, close: () => rm(root, { recursive: true, force: true }) };
}

/** Every committed event in the buffer, oldest first, each checked against the event contract. */
export async function bufferedEventsOf(stateDir: string): Promise<AuditEvent[]> {
  const state = await readBufferState(stateDir);
  if (state === undefined) return [];
  const segments = await listSegments(bufferDir(stateDir));
  const events: AuditEvent[] = [];
  for await (const line of liveLines(state, segments)) {
    events.push(auditEventSchema.parse(JSON.parse(line.text)));
  }
  return events;
}

/**
 * Checks that `events` continue one another: seq +1 each and `prev` the hash of the one before;
 * `before` is the hash the first one must carry (64 zeros for seq 1).
 */
export function expectChain(events: readonly AuditEvent[], before = GENESIS_PREV): string[] {
  const problems: string[] = [];
  let prev = before;
  let seq = events[0]?.seq ?? 1;
  for (const event of events) {
    if (event.seq !== seq) problems.push(`seq ${event.seq} where ${seq} was due`);
    if (event.prev !== prev) problems.push(`seq ${event.seq}: prev does not match`);
    prev = hashAuditEvent(event);
    seq = event.seq + 1;
  }
  return problems;
}

/** A decision line as an enforcement point writes it. */
export function decisionLine(index: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    surface: 'network',
    action: 'connect',
    resource: { host: `host-${index}.example.com`, port: 443 },
    decision: index % 3 === 0 ? 'deny' : 'allow',
    mode: 'enforce',
    rule: { id: `rule-${index % 5}`, layer: 'baseline' },
    ver: 7,
    ...extra,
  });
}
