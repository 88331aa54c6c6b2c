import { type HttpReceiver, recordIdOf, startHttpReceiver } from './start-http-receiver';

export type DatadogReceiver = HttpReceiver & { logs: Record<string, unknown>[] };

const MAX_ENTRIES = 1_000;
const MAX_PAYLOAD_BYTES = 5 * 1024 * 1024;
const MAX_ENTRY_BYTES = 1024 * 1024;

const refuse = (status: number, violation: string) => ({
  violation,
  status,
  body: { errors: [{ status: String(status), title: violation }] },
});

/**
 * Datadog's logs intake (v2) as documented: `POST /api/v2/logs`, `DD-API-KEY`, `Content-Type:
 * application/json`, a JSON array of at most 1,000 log objects, at most 5 MB uncompressed and
 * 1 MB per log; answers 202 `{}`.
 */
export async function startDatadogReceiver({
  apiKey,
}: {
  apiKey: string;
}): Promise<DatadogReceiver> {
  const logs: Record<string, unknown>[] = [];
  const receiver = await startHttpReceiver({
    handle: ({ method, path, headers, body }) => {
      if (method !== 'POST' || path.split('?')[0] !== '/api/v2/logs') {
        return { answer: refuse(404, `expected POST /api/v2/logs, got ${method} ${path}`) };
      }
      if (headers['dd-api-key'] !== apiKey)
        return { answer: refuse(403, 'missing or wrong DD-API-KEY') };
      if (
        String(headers['content-type'] ?? '')
          .split(';')[0]
          ?.trim() !== 'application/json'
      ) {
        return { answer: refuse(400, 'Content-Type is not application/json') };
      }
      if (body.length > MAX_PAYLOAD_BYTES)
        return { answer: refuse(413, `payload of ${body.length} bytes over 5 MB`) };
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return { answer: refuse(400, 'body is not JSON') };
      }
      if (!Array.isArray(parsed)) return { answer: refuse(400, 'body is not a JSON array') };
      if (parsed.length > MAX_ENTRIES)
        return { answer: refuse(413, `${parsed.length} logs, over 1,000`) };
      const ids: string[] = [];
      for (const [index, entry] of parsed.entries()) {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
          return { answer: refuse(400, `log ${index} is not a JSON object`) };
        }
        if (Buffer.byteLength(JSON.stringify(entry)) > MAX_ENTRY_BYTES) {
          return { answer: refuse(413, `log ${index} is over 1 MB`) };
        }
        const id = datadogLogId(entry as Record<string, unknown>);
        if (id) ids.push(id);
      }
      logs.push(...(parsed as Record<string, unknown>[]));
      return { answer: { status: 202, body: {} }, ids };
    },
  });
  return Object.assign(receiver, { logs });
}

/**
 * A log's record id: the record Parapet nests under its `parapet` attribute, the log's own
 * fields, or a record carried in its `message` (a JSON string).
 */
function datadogLogId(entry: Record<string, unknown>): string | undefined {
  const direct = recordIdOf(entry.parapet) ?? recordIdOf(entry);
  if (direct) return direct;
  if (typeof entry.message === 'string') {
    try {
      return recordIdOf(JSON.parse(entry.message));
    } catch {
      return undefined;
    }
  }
  return recordIdOf(entry.message);
}
