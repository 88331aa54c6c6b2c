import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { destinationInputSchema } from '../destinations/destination-schemas';
import { auditEventSchema } from '../event/audit-event-schema';
import type { ExportRecord } from '../event/export-record';
import { encodeBatch, type HttpRequestSpec } from './encode-batch';
import { encodeCef } from './encode-cef';
import {
  DATADOG_MAX_ENTRIES,
  DATADOG_MAX_ENTRY_BYTES,
  DATADOG_MAX_REQUEST_BYTES,
} from './encode-datadog';
import { escapeCefHeader, formatCefExtension } from './escape-cef';
import {
  arbitraryAdminRecord,
  arbitraryEvent,
  arbitraryRecord,
  nastyText,
} from './fixtures/arbitrary-records';
import { parseCef } from './fixtures/parse-cef';
import * as configs from './fixtures/sample-configs';
import { sampleContext } from './fixtures/sample-records';
import { utf8ByteLength } from './pack-by-size';
import { signWebhookBody, verifyWebhookSignature } from './sign-webhook-body';

const recordId = (record: ExportRecord) => (record.kind === 'admin' ? record.id : record.event.id);

function requestsOf(config: Parameters<typeof encodeBatch>[0], records: ExportRecord[]) {
  const batch = encodeBatch(config, records, sampleContext);
  if (batch.transport !== 'http') throw new Error('expected http');
  return batch.requests;
}

describe('property tests', () => {
  it('generate only events the schema accepts (so the properties below are about real input)', () => {
    fc.assert(
      fc.property(arbitraryEvent, (event) => {
        expect(auditEventSchema.safeParse(event).error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('CEF header fields and extension values round-trip through a spec reader', () => {
    const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), nastyText(40), fc.constant(''));
    const headerText = anyText.filter((value) => !/[\r\n]/.test(value));
    const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/);
    fc.assert(
      fc.property(headerText, fc.array(fc.tuple(key, anyText)), (name, pairs) => {
        const line = `CEF:0|${['v', 'p', '1', 'sig', name, '5'].map(escapeCefHeader).join('|')}|${formatCefExtension(pairs)}`;
        const parsed = parseCef(line);
        expect(parsed.name).toBe(name);
        expect(parsed.extension).toEqual(pairs);
      }),
      { numRuns: 500 },
    );
  });

  it("CEF lines of any record are one line that reads back to the record's values", () => {
    fc.assert(
      fc.property(arbitraryRecord(), (record) => {
        const line = encodeCef(record, sampleContext);
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseCef(line);
        const extension = new Map(parsed.extension);
        expect(parsed.extension.length).toBe(extension.size);
        expect(extension.get('externalId')).toBe(recordId(record));
        if (record.kind === 'admin') {
          expect(JSON.parse(extension.get('msg') ?? '')).toEqual(record.details);
          expect(parsed.signatureId).toBe(record.action);
          return;
        }
        const { event } = record;
        expect(extension.get('suser')).toBe(event.user ?? undefined);
        expect(extension.get('cs2')).toBe(event.rule?.layer);
        if (event.surface === 'filesystem')
          expect(extension.get('filePath')).toBe(event.resource.path);
        if (event.surface === 'network') expect(extension.get('dhost')).toBe(event.resource.host);
        if (event.surface === 'mcp') expect(extension.get('request')).toBe(event.resource.server);
      }),
      { numRuns: 300 },
    );
  });

  it("syslog frames are prefixed with their message's UTF-8 byte length", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryRecord(), { maxLength: 8 }),
        fc.constantFrom(configs.syslogCef, configs.syslogJson, configs.syslogOcsf),
        (records, config) => {
          const batch = encodeBatch(config, records, sampleContext);
          if (batch.transport !== 'syslog') throw new Error('expected syslog');
          expect(batch.frames).toHaveLength(records.length);
          batch.frames.forEach((frame, index) => {
            const space = frame.indexOf(' ');
            const message = frame.slice(space + 1);
            expect(frame.slice(0, space)).toMatch(/^[1-9][0-9]*$/);
            expect(Number(frame.slice(0, space))).toBe(utf8ByteLength(message));
            expect(message).not.toContain('\n');
            expect(message).toContain(`id="${recordId(records[index] as ExportRecord)}"`);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('Datadog requests keep every limit and every record, in order', () => {
    const idsOf = (requests: HttpRequestSpec[]) =>
      requests.flatMap((request) => {
        expect(utf8ByteLength(request.body)).toBeLessThanOrEqual(DATADOG_MAX_REQUEST_BYTES);
        const entries = JSON.parse(request.body) as Array<{ parapet: { id: string } }>;
        expect(entries.length).toBeLessThanOrEqual(DATADOG_MAX_ENTRIES);
        expect(entries.length).toBe(request.recordCount);
        return entries.map((entry) => {
          expect(utf8ByteLength(JSON.stringify(entry))).toBeLessThanOrEqual(
            DATADOG_MAX_ENTRY_BYTES,
          );
          return entry.parapet.id;
        });
      });
    // Large entries: details up to 1.6 MB, some over the per-entry limit and cut.
    fc.assert(
      fc.property(
        fc.array(arbitraryRecord(1_600_000), { minLength: 1, maxLength: 12 }),
        (records) => {
          expect(idsOf(requestsOf(configs.datadogJson, records))).toEqual(records.map(recordId));
        },
      ),
      { numRuns: 15 },
    );
    // Many small entries: more than one request's worth by count.
    fc.assert(
      fc.property(
        fc.array(arbitraryAdminRecord(50), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 2600 }),
        (pool, count) => {
          const records = Array.from(
            { length: count },
            (_, index) => pool[index % pool.length] as ExportRecord,
          );
          const requests = requestsOf(configs.datadogJson, records);
          expect(requests.length).toBe(Math.max(1, Math.ceil(count / DATADOG_MAX_ENTRIES)));
          expect(idsOf(requests)).toEqual(records.map(recordId));
        },
      ),
      { numRuns: 10 },
    );
  });

  it('Splunk HEC and Elastic requests keep their size limit and every record, in order', () => {
    const cases = [
      {
        config: configs.splunkJson,
        limit: 1_000_000,
        ids: (body: string) => body.split('\n').map((line) => JSON.parse(line).event.id),
      },
      {
        config: configs.elasticEcsApiKey,
        limit: 5_000_000,
        ids: (body: string) =>
          body
            .slice(0, -1)
            .split('\n')
            .filter((_, index) => index % 2 === 0)
            .map((line) => JSON.parse(line).create._id),
      },
    ];
    fc.assert(
      fc.property(
        fc.array(arbitraryRecord(2_500_000), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...cases),
        (records, { config, limit, ids }) => {
          const requests = requestsOf(config, records);
          for (const request of requests) {
            if (request.recordCount > 1)
              expect(utf8ByteLength(request.body)).toBeLessThanOrEqual(limit);
          }
          expect(requests.flatMap((request) => ids(request.body))).toEqual(records.map(recordId));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('a webhook signature verifies, and fails after any one-byte change or with another secret', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryRecord(), { minLength: 1, maxLength: 4 }),
        fc.string({ minLength: 16, maxLength: 64 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (records, secret, position, flip) => {
          const config = destinationInputSchema.parse({ ...configs.webhookJson, secret });
          const [request] = requestsOf(config, records);
          if (request === undefined) throw new Error('no request');
          const header = request.headers['x-parapet-signature'] ?? '';
          expect(header).toBe(signWebhookBody(request.body, secret));
          expect(verifyWebhookSignature(request.body, header, secret)).toBe(true);
          const bytes = Buffer.from(request.body, 'utf8');
          const index = position % bytes.length;
          bytes[index] = (bytes[index] as number) ^ flip;
          expect(verifyWebhookSignature(bytes, header, secret)).toBe(false);
          expect(verifyWebhookSignature(request.body, header, `${secret}x`)).toBe(false);
          const headerIndex = 7 + (position % 64);
          const forged =
            header.slice(0, headerIndex) +
            (header[headerIndex] === '0' ? '1' : '0') +
            header.slice(headerIndex + 1);
          expect(verifyWebhookSignature(request.body, forged, secret)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never puts a secret setting in a body or a path', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9+/_-]{24,40}$/);
    const config = fc.oneof(
      fc.record({ type: fc.constant('webhook'), format: fc.constantFrom('json', 'ocsf'), secret }),
      fc.record({
        type: fc.constant('splunk-hec'),
        format: fc.constantFrom('json', 'ocsf'),
        token: secret,
      }),
      fc.record({
        type: fc.constant('elastic'),
        format: fc.constantFrom('ecs', 'ocsf'),
        apiKey: secret,
      }),
      fc.record({
        type: fc.constant('elastic'),
        format: fc.constantFrom('ecs', 'ocsf'),
        username: fc.constant('writer'),
        password: secret,
      }),
      fc.record({
        type: fc.constant('datadog'),
        format: fc.constantFrom('json', 'ocsf'),
        apiKey: secret,
      }),
    );
    fc.assert(
      fc.property(
        config,
        fc.array(arbitraryRecord(), { minLength: 1, maxLength: 4 }),
        (input, records) => {
          const parsed = destinationInputSchema.parse({
            name: 'n',
            url: 'https://siem.example.com',
            ...input,
          });
          const secrets = Object.entries(input)
            .filter(([key]) => ['secret', 'token', 'apiKey', 'password'].includes(key))
            .map(([, value]) => value as string);
          const batch = encodeBatch(parsed, records, sampleContext);
          const texts =
            batch.transport === 'http'
              ? batch.requests.flatMap((r) => [r.body, r.path])
              : batch.frames;
          for (const text of texts) for (const value of secrets) expect(text).not.toContain(value);
        },
      ),
      { numRuns: 200 },
    );
  });
});
