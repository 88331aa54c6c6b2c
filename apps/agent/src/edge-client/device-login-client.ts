import { z } from 'zod';
import { AgentError, describeError } from '../agent-error';
import { parseRetryAfter } from './edge-client';
import { type DeviceFacts, edgeErrorSchema } from './edge-schemas';

// The edge's device login (RFC 8628) as docs/identity.md defines it. Its token endpoint answers
// in OAuth's shape (`{ error, error_description }`), not the edge's, so it has a client of its own.

const REQUEST_TIMEOUT_MS = 15_000;
const grantType = 'urn:ietf:params:oauth:grant-type:device_code';

const authorizationSchema = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1).max(20),
  verification_uri: z.url(),
  verification_uri_complete: z.url().optional(),
  expires_in: z.number().int().positive(),
  interval: z.number().int().nonnegative().optional(),
});
export type DeviceAuthorization = z.infer<typeof authorizationSchema>;

const enrolledSchema = z.object({
  device: z.string().min(1),
  org: z.string().min(1),
  issuer: z.string().min(1),
  keySets: z.array(z.string()).min(1),
});
export type DeviceLoginEnrolled = z.infer<typeof enrolledSchema>;

const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

export type DeviceTokenAnswer =
  | { kind: 'enrolled'; enrolled: DeviceLoginEnrolled }
  | { kind: 'error'; error: string; description: string };

/** POST /v1/device/authorize. */
export async function startDeviceLogin(
  server: string,
  body: { publicKey: object; device: DeviceFacts },
  signal: AbortSignal,
): Promise<DeviceAuthorization> {
  const response = await post(server, 'v1/device/authorize', JSON.stringify(body), 'json', signal);
  const value = await readJson(response, 'device authorize');
  if (!response.ok) throw refusal(response, value);
  return parse(authorizationSchema, value, 'device authorize');
}

/** POST /v1/device/token, form-encoded as RFC 8628 §3.4 says. */
export async function pollDeviceLogin(
  server: string,
  deviceCode: string,
  signal: AbortSignal,
): Promise<DeviceTokenAnswer> {
  const form = new URLSearchParams({ grant_type: grantType, device_code: deviceCode });
  const response = await post(server, 'v1/device/token', form.toString(), 'form', signal);
  const value = await readJson(response, 'device token');
  if (response.ok) {
    return { kind: 'enrolled', enrolled: parse(enrolledSchema, value, 'device token') };
  }
  const oauth = oauthErrorSchema.safeParse(value);
  if (response.status === 429 || response.status >= 500 || !oauth.success)
    throw refusal(response, value);
  return {
    kind: 'error',
    error: oauth.data.error,
    description: oauth.data.error_description ?? oauth.data.error,
  };
}

async function post(
  server: string,
  path: string,
  body: string,
  kind: 'json' | 'form',
  signal: AbortSignal,
): Promise<Response> {
  const url = new URL(path, server.endsWith('/') ? server : `${server}/`);
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    return await fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      body,
      redirect: 'error',
      signal: AbortSignal.any([timeout, signal]),
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason ?? error;
    const why = timeout.aborted ? 'timed out' : describeError(error);
    throw new AgentError('EDGE_UNREACHABLE', `cannot reach ${url.origin}: ${why}`, {
      cause: error,
    });
  }
}

async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    if (response.ok) throw new AgentError('EDGE_PROTOCOL', `the ${what} answer is not JSON`);
    return undefined;
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new AgentError(
    'EDGE_PROTOCOL',
    `the ${what} answer does not match the edge API: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim(),
  );
}

function refusal(response: Response, value: unknown): AgentError {
  const status = response.status;
  const edge = edgeErrorSchema.safeParse(value);
  const oauth = oauthErrorSchema.safeParse(value);
  const code = edge.success
    ? edge.data.error.code
    : oauth.success
      ? oauth.data.error
      : `HTTP_${status}`;
  const message = edge.success
    ? edge.data.error.message
    : oauth.success
      ? (oauth.data.error_description ?? code)
      : response.statusText;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  const details = {
    status,
    edgeCode: code,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
  if (status === 429 || status >= 500) {
    return new AgentError('EDGE_UNREACHABLE', `${status} ${code}: ${message}`, details);
  }
  return new AgentError('ENROLLMENT_REFUSED', `the edge refused the login: ${message}`, details);
}
