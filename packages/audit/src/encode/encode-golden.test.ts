import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditEventSchema } from '../event/audit-event-schema';
import { hashAuditEvent } from '../event/hash-audit-event';
import { type EncodedBatch, encodeBatch } from './encode-batch';
import { encodeCef } from './encode-cef';
import { encodeEcs } from './encode-ecs';
import { encodeJsonRecord } from './encode-json-record';
import { encodeOcsf } from './encode-ocsf';
import * as configs from './fixtures/sample-configs';
import { sampleContext, sampleRecords } from './fixtures/sample-records';

// Golden files: fixed records in, the exact bytes each format produces out, checked in under
// fixtures/. A change to any encoder shows up here as a diff to read. To accept an intended
// change, run with UPDATE_GOLDEN=1, then `biome check --write` the fixtures, and review the
// diff before committing it.

const fixturesDir = new URL('./fixtures/', import.meta.url);

function renderBatch(batch: EncodedBatch): string {
  if (batch.transport === 'syslog') return `${batch.frames.join('\n')}\n`;
  return batch.requests
    .map((request, index) => {
      const headers = Object.entries(request.headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n');
      return `### request ${index + 1}: ${request.recordCount} records\nPOST ${request.path}\n${headers}\n\n${request.body}\n`;
    })
    .join('\n');
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const batch = (config: Parameters<typeof encodeBatch>[0]) => () =>
  renderBatch(encodeBatch(config, sampleRecords, sampleContext));

const goldenCases: Array<[file: string, produce: () => string]> = [
  ['json-records.json', () => json(sampleRecords.map(encodeJsonRecord))],
  ['ocsf-records.json', () => json(sampleRecords.map((r) => encodeOcsf(r, sampleContext)))],
  ['ecs-records.json', () => json(sampleRecords.map((r) => encodeEcs(r, sampleContext)))],
  [
    'cef-records.txt',
    () => `${sampleRecords.map((r) => encodeCef(r, sampleContext)).join('\n')}\n`,
  ],
  ['webhook-json.http', batch(configs.webhookJson)],
  ['webhook-ocsf.http', batch(configs.webhookOcsf)],
  ['splunk-hec-json.http', batch(configs.splunkJson)],
  ['splunk-hec-ocsf.http', batch(configs.splunkOcsf)],
  ['elastic-ecs-api-key.http', batch(configs.elasticEcsApiKey)],
  ['elastic-ocsf-basic.http', batch(configs.elasticOcsfBasic)],
  ['datadog-json.http', batch(configs.datadogJson)],
  ['datadog-ocsf.http', batch(configs.datadogOcsf)],
  ['syslog-cef.txt', batch(configs.syslogCef)],
  ['syslog-json.txt', batch(configs.syslogJson)],
  ['syslog-ocsf.txt', batch(configs.syslogOcsf)],
];

describe('golden outputs', () => {
  it('are made from valid events whose hashes are their own', () => {
    for (const record of sampleRecords) {
      if (record.kind !== 'decision') continue;
      expect(auditEventSchema.safeParse(record.event).success).toBe(true);
      expect(record.hash).toBe(hashAuditEvent(record.event));
    }
  });

  it.each(goldenCases)('%s', (file, produce) => {
    const actual = produce();
    const path = new URL(file, fixturesDir);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
    const expected = readFileSync(path, 'utf8');
    // Wire bytes (.http, .txt) must match exactly; record objects (.json) as JSON values, so
    // the repository's formatter may lay the file out as it likes.
    if (file.endsWith('.json')) expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
    else expect(actual).toBe(expected);
  });

  it('encode an empty batch to nothing to send', () => {
    expect(encodeBatch(configs.webhookJson, [], sampleContext)).toEqual({
      transport: 'http',
      requests: [],
    });
    expect(encodeBatch(configs.datadogJson, [], sampleContext)).toEqual({
      transport: 'http',
      requests: [],
    });
    expect(encodeBatch(configs.syslogCef, [], sampleContext)).toEqual({
      transport: 'syslog',
      frames: [],
    });
  });
});
