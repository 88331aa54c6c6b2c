import type { z } from 'zod';
import { AgentError, describeError } from '../agent-error';
import {
  type AccessToken,
  challengeResponseSchema,
  type DeviceFacts,
  type DeviceStatusReport,
  type EnrollResponse,
  type EventsResponse,
  edgeErrorSchema,
  enrollResponseSchema,
  eventsResponseSchema,
  keysResponseSchema,
  tokenResponseSchema,
} from './edge-schemas';

const REQUEST_TIMEOUT_MS = 15_000;
/** A long-poll may legitimately take its whole wait; the timeout sits this far beyond it. */
const LONG_POLL_GRACE_MS = 15_000;
/** Bodies past this are refused unread: an edge that sends more is not one to trust with memory. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** The edge caps waits at 60 s; asking for more would only be cut short. */
export const MAX_WAIT_SECONDS = 60;

/** Device refusals end a device's session for good; the agent stops and says so. */
const DEVICE_REFUSALS = new Set(['DEVICE_REVOKED', 'PERSON_DEACTIVATED']);
export const TOKEN_REFUSALS = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID']);

export type BundleResponse =
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'bundle';
      /** The body's bytes, decoded as UTF-8 without repair. */
      readonly text: string;
      readonly bytes: Uint8Array;
      /** The edge's `Parapet-Key-Set-Version`, a hint that newer key sets exist. */
      readonly keySetVersion: number | undefined;
    };

async function readBody(response: Response): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new Error(`the body is ${declared} bytes, over the limit`);
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw new Error('the body is over the size limit');
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The HTTP side of the edge API (docs/distribution.md, "Edge API"). Every failure is an
 * `AgentError`: `EDGE_UNREACHABLE` (network, timeout, 5xx: worth retrying), `DEVICE_REFUSED`,
 * `ENROLLMENT_REFUSED`, `EDGE_ERROR` (any other refusal, with the edge's code), `EDGE_PROTOCOL`
 * (an answer that is not what the contract says).
 */
export class EdgeClient {
  private readonly base: URL;

  constructor(server: string) {
    this.base = new URL(server.endsWith('/') ? server : `${server}/`);
  }

  async enroll(body: {
    token: string;
    publicKey: object;
    device: DeviceFacts;
  }): Promise<EnrollResponse> {
    const response = await this.request('POST', 'v1/enroll', { body });
    return this.parseJson(response, enrollResponseSchema, 'enroll');
  }

  async challenge(device: string): Promise<{ challenge: string }> {
    const response = await this.request('POST', 'v1/auth/challenge', { body: { device } });
    return this.parseJson(response, challengeResponseSchema, 'challenge');
  }

  async token(body: {
    device: string;
    challenge: string;
    signature: string;
  }): Promise<AccessToken> {
    const response = await this.request('POST', 'v1/auth/token', { body });
    return this.parseJson(response, tokenResponseSchema, 'token');
  }

  async getBundle(options: {
    accessToken: string;
    ifNoneMatch?: string | undefined;
    waitSeconds?: number | undefined;
    signal?: AbortSignal | undefined;
  }): Promise<BundleResponse> {
    const headers: Record<string, string> = {};
    if (options.ifNoneMatch !== undefined) headers['if-none-match'] = options.ifNoneMatch;
    const wait = options.waitSeconds ?? 0;
    if (wait > 0) headers.prefer = `wait=${wait}`;
    const response = await this.request('GET', 'v1/bundle', {
      accessToken: options.accessToken,
      headers,
      timeoutMs: wait * 1000 + LONG_POLL_GRACE_MS,
      signal: options.signal,
    });
    if (response.status === 304) {
      await response.body?.cancel();
      return { kind: 'unchanged' };
    }
    const bytes = await this.readBytes(response, 'bundle');
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      // Not text at all: hand verification something it refuses as malformed, with the reason.
      text = '';
    }
    const hint = Number(response.headers.get('parapet-key-set-version'));
    return {
      kind: 'bundle',
      text,
      bytes,
      keySetVersion: Number.isSafeInteger(hint) && hint > 0 ? hint : undefined,
    };
  }

  async getKeys(accessToken: string): Promise<string[]> {
    const response = await this.request('GET', 'v1/keys', { accessToken });
    return (await this.parseJson(response, keysResponseSchema, 'keys')).keySets;
  }

  async postStatus(accessToken: string, report: DeviceStatusReport): Promise<void> {
    const response = await this.request('POST', 'v1/status', { accessToken, body: report });
    await response.body?.cancel();
  }

  /**
   * `POST /v1/events` with an NDJSON body, gzipped (docs/audit.md, "Ingestion"). A 413 is an
   * `EDGE_ERROR` with status 413; 429 and 5xx are `EDGE_UNREACHABLE` with `retryAfterMs`.
   */
  async postEvents(accessToken: string, gzippedNdjson: Uint8Array): Promise<EventsResponse> {
    const response = await this.request('POST', 'v1/events', {
      accessToken,
      raw: gzippedNdjson,
      headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
    });
    return this.parseJson(response, eventsResponseSchema, 'events');
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    options: {
      accessToken?: string;
      body?: unknown;
      /** A body sent as these bytes, with its content type among `headers`. */
      raw?: Uint8Array;
      headers?: Record<string, string>;
      timeoutMs?: number;
      signal?: AbortSignal | undefined;
    },
  ): Promise<Response> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.accessToken !== undefined) headers.authorization = `Bearer ${options.accessToken}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS);
    const signal =
      options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        // A redirect would carry the device's token somewhere the operator did not name.
        redirect: 'error',
        signal,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        ...(options.raw === undefined ? {} : { body: options.raw }),
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      const why = timeout.aborted ? 'timed out' : describeCause(error);
      throw new AgentError('EDGE_UNREACHABLE', `cannot reach ${url.origin}: ${why}`, {
        cause: error,
      });
    }
    if (response.ok || response.status === 304) return response;
    throw await this.refusal(response, `${method} /${path}`);
  }

  private async refusal(response: Response, what: string): Promise<AgentError> {
    const status = response.status;
    let code = `HTTP_${status}`;
    let message = response.statusText || 'no message';
    try {
      const parsed = edgeErrorSchema.safeParse(
        JSON.parse(strictUtf8.decode(await readBody(response))),
      );
      if (parsed.success) ({ code, message } = parsed.data.error);
    } catch {
      // The status alone says enough.
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    const details = {
      status,
      edgeCode: code,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
    const text = `${what}: ${status} ${code}: ${message}`;
    if (status === 403 && DEVICE_REFUSALS.has(code)) {
      return new AgentError(
        'DEVICE_REFUSED',
        `the edge refused this device: ${code}: ${message}`,
        details,
      );
    }
    if (code === 'ENROLLMENT_TOKEN_INVALID') {
      return new AgentError(
        'ENROLLMENT_REFUSED',
        `the enrollment token was refused: ${message}`,
        details,
      );
    }
    if (status >= 500 || status === 429) return new AgentError('EDGE_UNREACHABLE', text, details);
    return new AgentError('EDGE_ERROR', text, details);
  }

  private async readBytes(response: Response, what: string): Promise<Uint8Array> {
    try {
      return await readBody(response);
    } catch (error) {
      throw new AgentError(
        'EDGE_PROTOCOL',
        `the ${what} answer could not be read: ${describeError(error)}`,
      );
    }
  }

  private async parseJson<T extends z.ZodType>(
    response: Response,
    schema: T,
    what: string,
  ): Promise<z.infer<T>> {
    const bytes = await this.readBytes(response, what);
    let value: unknown;
    try {
      value = JSON.parse(strictUtf8.decode(bytes));
    } catch {
      throw new AgentError('EDGE_PROTOCOL', `the ${what} answer is not JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new AgentError(
        'EDGE_PROTOCOL',
        `the ${what} answer does not match the edge API: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim(),
      );
    }
    return parsed.data;
  }
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? describeError(error);
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110), in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
