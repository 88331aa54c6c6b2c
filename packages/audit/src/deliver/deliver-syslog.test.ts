import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DestinationInput, destinationInputSchema } from '../destinations/destination-schemas';
import type { ExportRecord } from '../event/export-record';
import { hashAuditEvent } from '../event/hash-audit-event';
import { makeTestEvents } from '../testing/insert-test-events';
import {
  type RsyslogReceiver,
  startRsyslogReceiver,
} from '../testing/receivers/start-rsyslog-receiver';
import { deliverBatch } from './deliver-batch';
import { parseDestinationNetworkPolicy } from './destination-network-policy';

// Debian's rsyslog receives octet-counted RFC 5424 messages over plain TCP and over TLS with a
// certificate from a test CA; what it wrote to its files is what a SIEM behind it would see.

const network = parseDestinationNetworkPolicy({});
const context = { hostname: 'worker-test', productVersion: '0.0.0-test' };
let rsyslog: RsyslogReceiver;

beforeAll(async () => {
  rsyslog = await startRsyslogReceiver();
}, 180_000);
afterAll(async () => {
  await rsyslog?.stop();
});

function records(count: number): ExportRecord[] {
  return makeTestEvents({ deviceId: randomUUID(), count }).map((event) => ({
    kind: 'decision',
    event,
    orgId: randomUUID(),
    personId: null,
    groups: [],
    receivedAt: new Date().toISOString(),
    chain: 'ok',
    hash: hashAuditEvent(event),
  }));
}

const send = (input: DestinationInput, batch: ExportRecord[]) =>
  deliverBatch({ config: destinationInputSchema.parse(input), records: batch, network, context });

async function linesWith(listener: 'tcp' | 'tls', ids: string[]) {
  await expect
    .poll(
      () => rsyslog.read(listener).filter((line) => ids.some((id) => line.msg.includes(id))).length,
      {
        timeout: 10_000,
      },
    )
    .toBe(ids.length);
  return rsyslog.read(listener).filter((line) => ids.some((id) => line.msg.includes(id)));
}

describe('deliverBatch to rsyslog', () => {
  it('sends CEF over plain TCP to loopback, one message per record', async () => {
    const batch = records(20);
    const outcome = await send(
      {
        type: 'syslog',
        name: 'rsyslog',
        host: '127.0.0.1',
        port: rsyslog.tcpPort,
        transport: 'tcp',
        format: 'cef',
      },
      batch,
    );
    expect(outcome).toMatchObject({ outcome: 'delivered' });
    const ids = batch.map((record) => (record.kind === 'decision' ? record.event.id : ''));
    const lines = await linesWith('tcp', ids);
    expect(
      lines.every((line) => line.appName === 'parapet' && line.hostname === 'worker-test'),
    ).toBe(true);
    expect(lines.every((line) => line.msg.startsWith('CEF:0|'))).toBe(true);
    // facility 13 (log audit) × 8 + severity: 4 for a denial, 6 for an allow.
    expect(new Set(lines.map((line) => line.pri))).toEqual(new Set([13 * 8 + 4, 13 * 8 + 6]));
  });

  it('sends JSON over TLS, verifying rsyslog’s certificate against the given CA', async () => {
    const batch = records(5);
    const outcome = await send(
      {
        type: 'syslog',
        name: 'rsyslog-tls',
        host: 'localhost',
        port: rsyslog.tlsPort,
        transport: 'tls',
        format: 'json',
        caPem: rsyslog.caPem,
      },
      batch,
    );
    expect(outcome).toMatchObject({ outcome: 'delivered' });
    const ids = batch.map((record) => (record.kind === 'decision' ? record.event.id : ''));
    const lines = await linesWith('tls', ids);
    for (const line of lines) {
      const parsed = JSON.parse(line.msg.trim()) as { id: string; kind: string };
      expect(parsed.kind).toBe('decision');
      expect(ids).toContain(parsed.id);
    }
  });

  it('refuses a certificate the system does not trust, sending nothing', async () => {
    const batch = records(1);
    const outcome = await send(
      {
        type: 'syslog',
        name: 'rsyslog-tls',
        host: 'localhost',
        port: rsyslog.tlsPort,
        transport: 'tls',
      },
      batch,
    );
    expect(outcome).toMatchObject({ outcome: 'rejected' });
    expect(outcome.outcome === 'rejected' && outcome.error).toContain('certificate');
  });

  it('refuses plain TCP beyond loopback unless insecure transports are allowed', async () => {
    const outcome = await send(
      { type: 'syslog', name: 'far', host: '192.0.2.10', port: 514, transport: 'tcp' },
      records(1),
    );
    expect(outcome).toMatchObject({ outcome: 'rejected' });
    expect(outcome.outcome === 'rejected' && outcome.error).toContain(
      'PARAPET_EXPORT_ALLOW_INSECURE',
    );
  });
});
