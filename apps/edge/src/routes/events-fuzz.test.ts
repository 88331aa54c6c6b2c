import { gzipSync } from 'node:zlib';
import { makeSampleEvents } from '@parapet/audit/ingest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTestEnrollmentToken,
  enrollTestDevice,
  setupEdgeTest,
} from '../testing/edge-test-kit';
import { eventsAnswerSchema } from './events';

const world = setupEdgeTest({ events: { maxBytes: 32 * 1024, maxCount: 50 } });

const errorShape = {
  error: { code: expect.any(String), message: expect.any(String), requestId: expect.any(String) },
};

type Body = { bytes: Buffer; type: string; gzip: boolean };

// Whatever arrives, the answer is a 2xx with every entry accounted for, or a 4xx in the error
// shape: never a 5xx, never a hang.
async function expectNoFault(url: string, token: string, body: Body): Promise<void> {
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': body.type,
      ...(body.gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    body: body.gzip ? gzipSync(body.bytes) : body.bytes,
  });
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  const answer = JSON.parse(text) as unknown;
  if (response.status === 200) {
    const parsed = eventsAnswerSchema.parse(answer);
    const indexes = parsed.rejected.map((rejection) => rejection.index);
    expect(new Set(indexes).size).toBe(indexes.length);
    for (const rejection of parsed.rejected) expect(rejection.message.length).toBeLessThan(1000);
  } else {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(answer).toMatchObject(errorShape);
  }
}

const contentType = fc.constantFrom('application/json', 'application/x-ndjson');

function mutatedEvents(device: string) {
  const samples = makeSampleEvents({ device, count: 20 }) as unknown as Record<string, unknown>[];
  const anyValue = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('\ud800', '\u0000', '', 'x'.repeat(5000), 1e308, -1, 2 ** 53),
  );
  const key = fc.constantFrom(...Object.keys(samples[0] as object), '__proto__', 'prompt');
  return fc.array(
    fc
      .tuple(fc.constantFrom(...samples), fc.array(fc.tuple(key, anyValue), { maxLength: 3 }))
      .map(([sample, changes]) => {
        const event: Record<string, unknown> = { ...sample };
        for (const [name, value] of changes) event[name] = value;
        return event;
      }),
    { maxLength: 30 },
  );
}

describe('POST /v1/events under fuzzing', () => {
  it('never answers 5xx to random bytes, random JSON or mutated events', async () => {
    const w = world();
    const device = await enrollTestDevice(w.edge.url, await createTestEnrollmentToken(w));
    const body = fc.oneof(
      fc.record({
        bytes: fc.uint8Array({ maxLength: 2048 }).map(Buffer.from),
        type: contentType,
        gzip: fc.boolean(),
      }),
      fc.record({
        bytes: fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
        type: contentType,
        gzip: fc.boolean(),
      }),
      fc.record({
        bytes: mutatedEvents(device.id).map((events) => Buffer.from(JSON.stringify(events))),
        type: fc.constant('application/json'),
        gzip: fc.boolean(),
      }),
      fc.record({
        bytes: mutatedEvents(device.id).map((events) =>
          Buffer.from(events.map((event) => JSON.stringify(event)).join('\n')),
        ),
        type: fc.constant('application/x-ndjson'),
        gzip: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, (generated) =>
        expectNoFault(w.edge.url, device.accessToken, generated),
      ),
      { numRuns: 300 },
    );
  });
});
