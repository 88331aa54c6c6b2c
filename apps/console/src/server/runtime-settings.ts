import { type Env, getEnv } from '@/env';

/**
 * What `pnpm start` settles at start-up beyond the parsed environment: the Auth.js secret it
 * loaded or generated into the data folder, and whether the Host header may be trusted (on
 * loopback with no proxy in front). Kept on globalThis because Next.js loads the app's modules
 * apart from the script that starts it; nothing is written back into process.env.
 */
export type RuntimeSettings = {
  authSecret: string | undefined;
  trustHost: boolean;
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
    }
  );
}
