import { type Env, getEnv } from '@/env';

/**
 * What `pnpm start` settles at start-up beyond the parsed environment: the Auth.js secret it
 * loaded or generated into the data folder, whether the Host header may be trusted (on
 * loopback with no proxy in front), and the edge API's public URL, which enrollment commands
 * point agents at. Kept on globalThis because Next.js loads the app's modules apart from the
 * script that starts it; nothing is written back into process.env.
 */
export type RuntimeSettings = {
  authSecret: string | undefined;
  trustHost: boolean;
  edgeUrl: string;
};

const holder = globalThis as typeof globalThis & { __parapetConsoleSettings?: RuntimeSettings };

export function installRuntimeSettings(settings: RuntimeSettings): void {
  holder.__parapetConsoleSettings = settings;
}

/** The installed settings; without `pnpm start` (tests, tools), what the environment says. */
export function runtimeSettings(env: Env = getEnv()): RuntimeSettings {
  return (
    holder.__parapetConsoleSettings ?? {
      authSecret: env.AUTH_SECRET,
      trustHost: env.AUTH_TRUST_HOST ?? env.AUTH_URL !== undefined,
      edgeUrl: edgeUrlOf(env),
    }
  );
}

/**
 * Where agents reach the edge API: PARAPET_EDGE_URL as given (without a trailing slash, so a
 * command built from it reads the same however it was written), else the edge's port on
 * localhost. That default is right on a laptop, where `pnpm start` runs the edge beside the
 * console; a server sets PARAPET_EDGE_URL to an address its endpoints can reach.
 */
export function edgeUrlOf(env: Env): string {
  if (env.PARAPET_EDGE_URL) return env.PARAPET_EDGE_URL.replace(/\/+$/, '');
  return `http://localhost:${env.PARAPET_EDGE_PORT}`;
}
