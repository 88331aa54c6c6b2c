import { describe, expect, it } from 'vitest';
import { encodeBatch } from './encode-batch';
import { DATADOG_MAX_ENTRY_BYTES } from './encode-datadog';
import { SYSLOG_MAX_MESSAGE_BYTES } from './encode-syslog';
import * as configs from './fixtures/sample-configs';
import { networkDeny, policyPublished, sampleContext } from './fixtures/sample-records';
import { utf8ByteLength } from './pack-by-size';

// An admin entry whose details pass a receiver's per-entry limit is sent with the details
// replaced by a marker, never dropped; everything else about it is unchanged.

const bigDetails = (bytes: number) => ({
  ...policyPublished,
  details: { diff: 'x'.repeat(bytes) },
});

describe('entries over a per-entry limit', () => {
  it('Datadog: details over 1 MB become a marker with their size; the entry stays', () => {
    const record = bigDetails(1_200_000);
    const batch = encodeBatch(configs.datadogJson, [networkDeny, record], sampleContext);
    if (batch.transport !== 'http') throw new Error('expected http');
    const entries = batch.requests.flatMap((request) => JSON.parse(request.body));
    expect(entries).toHaveLength(2);
    const admin = entries[1].parapet;
    expect(admin.id).toBe(record.id);
    expect(admin.hash).toBe(record.hash);
    expect(admin.details).toEqual({
      truncated: true,
      originalBytes: utf8ByteLength(JSON.stringify(record.details)),
    });
    expect(utf8ByteLength(JSON.stringify(entries[1]))).toBeLessThanOrEqual(DATADOG_MAX_ENTRY_BYTES);
  });

  it('Datadog: details just under the limit are sent whole', () => {
    const record = bigDetails(900_000);
    const batch = encodeBatch(configs.datadogJson, [record], sampleContext);
    if (batch.transport !== 'http') throw new Error('expected http');
    const [entry] = JSON.parse(batch.requests[0]?.body ?? '');
    expect(entry.parapet.details).toEqual(record.details);
  });

  it('syslog: a message over 64 KiB carries the marker instead of the details', () => {
    const record = bigDetails(70_000);
    for (const config of [configs.syslogCef, configs.syslogJson, configs.syslogOcsf]) {
      const batch = encodeBatch(config, [record], sampleContext);
      if (batch.transport !== 'syslog') throw new Error('expected syslog');
      const frame = batch.frames[0] ?? '';
      expect(frame).toContain('"truncated":true');
      expect(frame).toContain(`id="${record.id}"`);
      expect(utf8ByteLength(frame)).toBeLessThan(SYSLOG_MAX_MESSAGE_BYTES);
    }
  });
});
