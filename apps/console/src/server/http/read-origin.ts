import { getEnv } from '@/env';

/** The console's public origin: AUTH_URL when configured, else what the request says. */
export function readOrigin(headers: Headers): string {
  const configured = getEnv().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost:3000';
  const protocol = headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${protocol}://${host}`;
}
