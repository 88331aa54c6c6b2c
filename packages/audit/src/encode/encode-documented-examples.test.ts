import { describe, expect, it } from 'vitest';
import { encodeBatch, type HttpRequestSpec } from './encode-batch';
import { encodeCef } from './encode-cef';
import { hecTime } from './encode-splunk-hec';
import { escapeCefExtensionValue, escapeCefHeader, formatCefExtension } from './escape-cef';
import { parseCef } from './fixtures/parse-cef';
import * as configs from './fixtures/sample-configs';
import { sampleContext, sampleRecords } from './fixtures/sample-records';
import {
  escapeSdParamValue,
  formatSyslogMessage,
  frameOctetCounted,
} from './format-syslog-message';

// Each format's own documented examples, reproduced by our formatting functions or used to
// check the shape of what we send. Sources are cited per block.

const BOM = '\uFEFF';

function httpRequests(config: Parameters<typeof encodeBatch>[0]): HttpRequestSpec[] {
  const batch = encodeBatch(config, sampleRecords, sampleContext);
  if (batch.transport !== 'http') throw new Error('expected http');
  return batch.requests;
}

describe('RFC 5424 §6.5 examples (https://www.rfc-editor.org/rfc/rfc5424#section-6.5)', () => {
  const base = { procId: null, structuredData: [] } as const;
  it.each([
    [
      'example 1: no structured data, UTF-8 MSG with a BOM',
      formatSyslogMessage({
        ...base,
        facility: 4,
        severity: 2,
        timestamp: '2003-10-11T22:14:15.003Z',
        hostname: 'mymachine.example.com',
        appName: 'su',
        msgId: 'ID47',
        message: "'su root' failed for lonvick on /dev/pts/8",
        bom: 'always',
      }),
      `<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - ${BOM}'su root' failed for lonvick on /dev/pts/8`,
    ],
    [
      'example 2: a time offset, no MSGID, MSG not declared UTF-8',
      formatSyslogMessage({
        ...base,
        facility: 20,
        severity: 5,
        timestamp: '2003-08-24T05:14:15.000003-07:00',
        hostname: '192.0.2.1',
        appName: 'myproc',
        procId: '8710',
        msgId: null,
        message: "%% It's time to make the do-nuts.",
      }),
      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
    ],
    [
      'example 3: structured data and a message',
      formatSyslogMessage({
        ...base,
        facility: 20,
        severity: 5,
        timestamp: '2003-10-11T22:14:15.003Z',
        hostname: 'mymachine.example.com',
        appName: 'evntslog',
        msgId: 'ID47',
        structuredData: [
          {
            id: 'exampleSDID@32473',
            params: [
              ['iut', '3'],
              ['eventSource', 'Application'],
              ['eventID', '1011'],
            ],
          },
        ],
        message: 'An application event log entry...',
        bom: 'always',
      }),
      `<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] ${BOM}An application event log entry...`,
    ],
    [
      'example 4: two structured-data elements and no MSG',
      formatSyslogMessage({
        ...base,
        facility: 20,
        severity: 5,
        timestamp: '2003-10-11T22:14:15.003Z',
        hostname: 'mymachine.example.com',
        appName: 'evntslog',
        msgId: 'ID47',
        structuredData: [
          {
            id: 'exampleSDID@32473',
            params: [
              ['iut', '3'],
              ['eventSource', 'Application'],
              ['eventID', '1011'],
            ],
          },
          { id: 'examplePriority@32473', params: [['class', 'high']] },
        ],
        message: '',
      }),
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]',
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('escapes the three characters §6.3.3 names, and only those', () => {
    expect(escapeSdParamValue('a"b\\c]d=e [f')).toBe('a\\"b\\\\c\\]d=e [f');
  });
});

describe('octet counting (RFC 6587 §3.4.1, RFC 5425 §4.3: MSG-LEN SP SYSLOG-MSG, length in octets)', () => {
  it('counts bytes, not characters: the BOM is three octets and é two', () => {
    const message = `<34>1 - - - - - - ${BOM}café`;
    expect(frameOctetCounted(message)).toBe(`${18 + 3 + 5} ${message}`);
  });
});

describe('ArcSight "Implementing ArcSight Common Event Format (CEF)", character encoding examples', () => {
  // The spec's examples: a pipe escaped in the header but not in an extension, a backslash
  // escaped in both, an equals sign escaped only in an extension, and a line break as \n.
  it.each([
    [
      'detected a | in message',
      'blocked a |',
      'CEF:0|security|threatmanager|1.0|100|detected a \\| in message|10|src=10.0.0.1 act=blocked a | dst=1.1.1.1',
    ],
    [
      'detected a \\ in packet',
      'blocked a \\',
      'CEF:0|security|threatmanager|1.0|100|detected a \\\\ in packet|10|src=10.0.0.1 act=blocked a \\\\ dst=1.1.1.1',
    ],
    [
      'detected a = in message',
      'blocked a =',
      'CEF:0|security|threatmanager|1.0|100|detected a = in message|10|src=10.0.0.1 act=blocked a \\= dst=1.1.1.1',
    ],
  ])('%s', (name, act, line) => {
    const header = ['security', 'threatmanager', '1.0', '100', name, '10'].map(escapeCefHeader);
    const extension = formatCefExtension([
      ['src', '10.0.0.1'],
      ['act', act],
      ['dst', '1.1.1.1'],
    ]);
    expect(`CEF:0|${header.join('|')}|${extension}`).toBe(line);
    const parsed = parseCef(line);
    expect(parsed.name).toBe(name);
    expect(parsed.extension).toEqual([
      ['src', '10.0.0.1'],
      ['act', act],
      ['dst', '1.1.1.1'],
    ]);
  });

  it('writes a multi-line value with \\n, as the spec\'s "msg=Detected a threat.\\n No action needed."', () => {
    expect(escapeCefExtensionValue('Detected a threat.\n No action needed.')).toBe(
      'Detected a threat.\\n No action needed.',
    );
  });

  it("keeps every record to one line the spec's reader splits back into our values", () => {
    for (const record of sampleRecords) {
      const line = encodeCef(record, sampleContext);
      expect(line).not.toMatch(/[\r\n]/);
      const parsed = parseCef(line);
      expect([parsed.version, parsed.vendor, parsed.product]).toEqual(['0', 'Parapet', 'Parapet']);
      expect(Number(parsed.severity)).toBeGreaterThanOrEqual(0);
      expect(Number(parsed.severity)).toBeLessThanOrEqual(10);
      const id = record.kind === 'admin' ? record.id : record.event.id;
      expect(parsed.extension).toContainEqual(['externalId', id]);
      if (record.kind === 'decision' && record.event.surface === 'filesystem') {
        expect(parsed.extension).toContainEqual(['filePath', record.event.resource.path]);
      }
    }
  });
});

describe('Splunk "Format events for HTTP Event Collector" (help.splunk.com, Get data in)', () => {
  it('writes time as epoch seconds with milliseconds: 1433188255.500 is 2015-06-01 19:50:55.500 UTC', () => {
    expect(hecTime('2015-06-01T19:50:55.500Z')).toBe(1433188255.5);
  });

  it('batches event objects by concatenation, using only the documented metadata keys', () => {
    const documentedKeys = ['time', 'host', 'source', 'sourcetype', 'index', 'event', 'fields'];
    for (const config of [configs.splunkJson, configs.splunkOcsf]) {
      const [request] = httpRequests(config);
      expect(request?.path).toBe('/services/collector/event');
      expect(request?.headers.authorization).toBe('Splunk 11111111-2222-3333-4444-555555555555');
      const events = (request?.body ?? '').split('\n').map((line) => JSON.parse(line));
      expect(events).toHaveLength(sampleRecords.length);
      for (const event of events) {
        for (const key of Object.keys(event)) expect(documentedKeys).toContain(key);
        expect(typeof event.time).toBe('number');
        expect(typeof event.event).toBe('object');
      }
    }
  });
});

describe('Elastic "Bulk API" (elastic.co, docs-bulk): NDJSON, action then source, final newline', () => {
  it('sends a create action with _index and _id before each document', () => {
    const [request] = httpRequests(configs.elasticEcsApiKey);
    expect(request?.path).toBe('/_bulk');
    expect(request?.headers['content-type']).toBe('application/x-ndjson');
    const body = request?.body ?? '';
    expect(body.endsWith('\n')).toBe(true);
    const lines = body.slice(0, -1).split('\n');
    expect(lines).toHaveLength(sampleRecords.length * 2);
    sampleRecords.forEach((record, index) => {
      const action = JSON.parse(lines[index * 2] as string);
      const id = record.kind === 'admin' ? record.id : record.event.id;
      expect(action).toEqual({ create: { _index: 'parapet-events', _id: id } });
      const document = JSON.parse(lines[index * 2 + 1] as string);
      expect(document.event.id).toBe(id);
      expect(document['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });
  });

  it('gives OCSF documents the @timestamp a data stream requires', () => {
    const [request] = httpRequests(configs.elasticOcsfBasic);
    const lines = (request?.body ?? '').slice(0, -1).split('\n');
    sampleRecords.forEach((record, index) => {
      const document = JSON.parse(lines[index * 2 + 1] as string);
      const time = record.kind === 'admin' ? record.time : record.event.time;
      expect(document['@timestamp']).toBe(time);
      expect(document.metadata.uid).toBe(record.kind === 'admin' ? record.id : record.event.id);
    });
  });

  it('authenticates with ApiKey, or Basic from username and password', () => {
    expect(httpRequests(configs.elasticEcsApiKey)[0]?.headers.authorization).toBe(
      'ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==',
    );
    const basic = httpRequests(configs.elasticOcsfBasic)[0]?.headers.authorization ?? '';
    expect(Buffer.from(basic.replace(/^Basic /, ''), 'base64').toString()).toBe(
      'parapet_writer:golden-password-!@#',
    );
  });
});

describe('Datadog "Send logs" API v2 (docs.datadoghq.com/api/latest/logs/send-logs)', () => {
  it("posts a JSON array of HTTPLogItem entries with the documented keys, like the docs' example", () => {
    // The docs' example entry: {"ddsource":"nginx","ddtags":"env:staging,version:5.1",
    // "hostname":"i-012345678","message":"2019-11-19T14:37:58,995 INFO …","service":"payment"}
    // and an additional property, `status`. Ours adds one more: the record, nested.
    const documentedKeys = ['ddsource', 'ddtags', 'hostname', 'message', 'service', 'status'];
    const [request] = httpRequests(configs.datadogJson);
    expect(request?.path).toBe('/api/v2/logs');
    expect(request?.headers['dd-api-key']).toBe('dd0123456789abcdef0123456789abcd');
    const entries = JSON.parse(request?.body ?? '') as Array<Record<string, unknown>>;
    expect(entries).toHaveLength(sampleRecords.length);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual([...documentedKeys, 'parapet'].sort());
      expect(typeof entry.message).toBe('string');
      expect(typeof entry.parapet).toBe('object');
      expect(entry.ddtags).toMatch(/^env:prod,team:security,kind:/);
      expect(['info', 'notice', 'warning']).toContain(entry.status);
    }
  });
});
