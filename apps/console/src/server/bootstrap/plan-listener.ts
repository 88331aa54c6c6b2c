import ipaddr from 'ipaddr.js';
import type { Env } from '@/env';

export type ListenerPlan = {
  host: string;
  port: number;
  /** Reachable from this machine only (no reverse proxy declared in front). */
  loopback: boolean;
  /** Where people reach the console: AUTH_URL's origin, else localhost. */
  publicOrigin: string;
  /** Whether `pnpm start` should let Auth.js trust the Host header (AUTH_TRUST_HOST). */
  trustHostByDefault: boolean;
  trustedProxies: string[];
  /** Configuration that works but should change, to print at start-up. */
  warnings: string[];
};

const legacyTrustProxy = ['127.0.0.0/8', '::1/128'];

/**
 * Where `pnpm start` listens and what it may trust there. Loopback on the embedded default,
 * every interface with DATABASE_URL (servers and containers), PARAPET_HOST to choose.
 *
 * On loopback, with no reverse proxy declared, only this machine can connect, so the Host
 * header is as good as AUTH_URL and Auth.js may trust it. Anywhere else the Host header is the
 * client's to choose, and links the console builds (invites) would follow it: AUTH_URL is then
 * required, and start-up stops with a message saying so.
 */
export function planListener({
  env,
  externalDatabase,
}: {
  env: Env;
  /** DATABASE_URL is set (a server or container install), as @parapet/db parsed it. */
  externalDatabase: boolean;
}): ListenerPlan {
  const host = env.PARAPET_HOST ?? (externalDatabase ? '0.0.0.0' : '127.0.0.1');
  const warnings: string[] = [];
  let trustedProxies = env.PARAPET_TRUSTED_PROXIES;
  if (env.PARAPET_TRUST_PROXY && trustedProxies.length === 0) {
    trustedProxies = legacyTrustProxy;
    warnings.push(
      'PARAPET_TRUST_PROXY=true now means "a reverse proxy on this host" (127.0.0.0/8, ::1) and is replaced by PARAPET_TRUSTED_PROXIES: set that to your proxies\' addresses or CIDRs instead.',
    );
  }
  const loopback = isLoopbackHost(host) && trustedProxies.length === 0;
  if (!loopback && !env.AUTH_URL) {
    const where = isLoopbackHost(host)
      ? `${host} behind the proxies of PARAPET_TRUSTED_PROXIES`
      : host;
    throw new Error(
      `AUTH_URL is required when the console listens on ${where}: set it to the address people open (for example https://parapet.example.com), so links and sign-in never follow a Host header a client chose.`,
    );
  }
  return {
    host,
    port: env.PORT,
    loopback,
    publicOrigin: env.AUTH_URL ? new URL(env.AUTH_URL).origin : `http://localhost:${env.PORT}`,
    trustHostByDefault: loopback && !env.AUTH_URL && env.AUTH_TRUST_HOST === undefined,
    trustedProxies,
    warnings,
  };
}

/** `localhost`, or an address in 127.0.0.0/8 or ::1 (IPv4-mapped included). */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (!ipaddr.isValid(host)) return false;
  return ipaddr.process(host).range() === 'loopback';
}
