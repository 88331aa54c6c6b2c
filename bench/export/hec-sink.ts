import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HecSink = {
  url: string;
  /** Milliseconds from each event's `time` (stamped just before its upload) to its arrival here. */
  lagsMs: number[];
  /** How many times each event id arrived. */
  arrivals: Map<string, number>;
  /** Requests that broke HEC's wire format (a correct run has none). */
  violations: string[];
  close: () => Promise<void>;
};

/**
 * A lean Splunk HEC intake for the export benchmark: checks the path and the `Splunk <token>`
 * header, parses the newline-separated event objects, answers `{"text":"Success","code":0}` and
 * records each event's lag. The test receivers in @parapet/audit/testing check the wire format
 * more thoroughly but keep every request, which a minute at 10,000 events/s would not fit.
 */
export async function startHecSink({ token }: { token: string }): Promise<HecSink> {
  const lagsMs: number[] = [];
  const arrivals = new Map<string, number>();
  const violations: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const arrivedAt = Date.now();
      const answer = (status: number, code: number, text: string) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ text, code }));
      };
      if (request.method !== 'POST' || request.url !== '/services/collector/event') {
        violations.push(`${request.method} ${request.url}`);
        return answer(404, 404, 'Not found');
      }
      if (request.headers.authorization !== `Splunk ${token}`) {
        violations.push('authorization');
        return answer(403, 4, 'Invalid token');
      }
      for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        let hecEvent: { event?: { kind?: unknown; id?: unknown; time?: unknown } };
        try {
          hecEvent = JSON.parse(line);
        } catch {
          violations.push('a body line is not JSON');
          return answer(400, 6, 'Invalid data format');
        }
        // Admin-activity records (enrollments, the destination's own creation) ride along; the
        // figure is about device decisions.
        const { kind, id, time } = hecEvent.event ?? {};
        if (kind !== 'decision' || typeof id !== 'string' || typeof time !== 'string') continue;
        arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
        lagsMs.push(arrivedAt - Date.parse(time));
      }
      answer(200, 0, 'Success');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lagsMs,
    arrivals,
    violations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
