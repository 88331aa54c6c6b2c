import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { UnreadableEvent } from '@parapet/audit/ingest';
import { AppError } from '@parapet/errors';

const gunzipAsync = promisify(gunzip);

export type EventsBodyLimits = {
  /** Bytes, both as received and after decompression. */
  maxBytes: number;
  /** Events (NDJSON lines that are not blank, or array entries). */
  maxCount: number;
};

export const eventsContentTypes = ['application/json', 'application/x-ndjson'] as const;

/**
 * A POST /v1/events body as received: its bytes (inflated when it came gzip, checked to be UTF-8)
 * and how to parse them. It is parsed by parseEventsBody only when the body's turn to be stored
 * comes: bodies waiting for a storing slot are held as bytes (outside V8's heap), not as a
 * thousand parsed objects each that the garbage collector would copy again and again.
 */
export class EventsBody {
  constructor(
    readonly bytes: Buffer,
    readonly ndjson: boolean,
  ) {}
}

/**
 * A POST /v1/events body read, or an AppError naming the refusal: 413 past the byte limit
 * (checked on the bytes received and, for gzip, while inflating, so a zip bomb stops at the
 * limit), 415 for an encoding other than gzip, 400 for a body that is not UTF-8 text.
 */
export async function readEventsBody(
  payload: Readable,
  headers: IncomingHttpHeaders,
  limits: EventsBodyLimits,
): Promise<EventsBody> {
  const encoding = (headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Encoding ${encoding.slice(0, 40)} is not supported: send gzip or no encoding.`,
    );
  }
  const declared = Number(headers['content-length']);
  if (declared > limits.maxBytes) throw tooLarge(limits);
  const received = await readRaw(payload, limits);
  const bytes = encoding === 'gzip' ? await inflate(received, limits) : received;
  if (!isUtf8(bytes)) throw new AppError('INVALID_INPUT', 'The body is not UTF-8 text.');
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return new EventsBody(bytes, type === 'application/x-ndjson');
}

/**
 * A read body's entries in body order (an NDJSON line that is not JSON becomes an
 * UnreadableEvent, rejected alone), or an AppError: 413 past the event count limit, 400 for a
 * body that cannot be read at all.
 */
export function parseEventsBody(body: EventsBody, limits: EventsBodyLimits): unknown[] {
  const text = body.bytes.toString('utf8');
  return body.ndjson ? parseNdjson(text, limits) : parseJsonArray(text, limits);
}

function tooLarge(limits: EventsBodyLimits): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The body is larger than ${limits.maxBytes} bytes (PARAPET_EDGE_EVENTS_MAX_BYTES): send fewer events per request.`,
  );
}

function tooMany(limits: EventsBodyLimits): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The body holds more than ${limits.maxCount} events (PARAPET_EDGE_EVENTS_MAX_COUNT): send fewer events per request.`,
  );
}

function readRaw(payload: Readable, limits: EventsBodyLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const stop = (error: Error | undefined) => {
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
      if (error) {
        // What is still coming is not read: the answer goes out and the connection closes.
        payload.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, length));
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limits.maxBytes) stop(tooLarge(limits));
      else chunks.push(chunk);
    };
    const onEnd = () => stop(undefined);
    const onError = () =>
      stop(new AppError('INVALID_INPUT', 'The body did not arrive completely.'));
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}

async function inflate(compressed: Buffer, limits: EventsBodyLimits): Promise<Buffer> {
  try {
    // Inflating stops as soon as the output passes the limit (Node checks while it inflates).
    return await gunzipAsync(compressed, { maxOutputLength: limits.maxBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limits);
    throw new AppError('INVALID_INPUT', 'The body is not valid gzip.');
  }
}

function parseJsonArray(text: string, limits: EventsBodyLimits): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
    throw new AppError('INVALID_INPUT', `The body is not valid JSON: ${reason}`);
  }
  if (!Array.isArray(parsed)) {
    throw new AppError(
      'INVALID_INPUT',
      'The body must be a JSON array of events (or NDJSON, as application/x-ndjson).',
    );
  }
  if (parsed.length > limits.maxCount) throw tooMany(limits);
  return parsed;
}

function parseNdjson(text: string, limits: EventsBodyLimits): unknown[] {
  const lines = text.split('\n');
  const events: unknown[] = [];
  for (let line = 0; line < lines.length; line += 1) {
    const entry = lines[line] as string;
    if (entry.trim() === '') continue;
    if (events.length === limits.maxCount) throw tooMany(limits);
    try {
      events.push(JSON.parse(entry));
    } catch {
      events.push(new UnreadableEvent(`line ${line + 1} of the body is not valid JSON`));
    }
  }
  return events;
}
