import { getEnv } from '@/env';
import { runtimeSettings } from '../runtime-settings';

/**
 * The console's own origin, as people reach it: AUTH_URL's origin when configured. Without
 * AUTH_URL (only allowed on loopback, see bootstrap/plan-listener.ts) it is what the Host
 * header says, which `pnpm start` trusts there (see runtime-settings.ts). Undefined when neither may
 * be relied on.
 */
export function readTrustedOrigin(headers: Headers): string | undefined {
  const env = getEnv();
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  if (!runtimeSettings(env).trustHost) return undefined;
  return originFromHeaders(headers);
}

/** The origin for links shown to the user (invites): the trusted origin, else the Host header. */
export function readOrigin(headers: Headers): string {
  return readTrustedOrigin(headers) ?? originFromHeaders(headers);
}

function originFromHeaders(headers: Headers): string {
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost:3000';
  const protocol = headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${protocol}://${host}`;
}
