import { z } from 'zod';

// The console's environment, parsed once. Code imports `env` (or `getEnv` where a test sets
// variables first); nothing else reads process.env.

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const booleanFlag = optional.pipe(
  z
    .enum(['true', 'false', '1', '0'], { error: 'Use true or false.' })
    .transform((value) => value === 'true' || value === '1')
    .optional(),
);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Set by `pnpm start` (embedded Postgres) or by the operator; read by @parapet/db. */
  DATABASE_URL: optional,
  /** Signs and encrypts Auth.js's own cookies (CSRF, callback URL). Required when serving. */
  AUTH_SECRET: optional.pipe(
    z.string().min(32, 'AUTH_SECRET must be at least 32 characters.').optional(),
  ),
  /** Trust the Host / X-Forwarded-* headers (behind a reverse proxy, or on localhost). */
  AUTH_TRUST_HOST: booleanFlag,
  /** The console's public URL, e.g. https://parapet.example.com. Enables secure cookies. */
  AUTH_URL: optional.pipe(z.url({ error: 'AUTH_URL must be a URL.' }).optional()),
  /** Forces secure (HTTPS-only) cookies on or off; by default on when AUTH_URL is https. */
  PARAPET_SECURE_COOKIES: booleanFlag,
  /**
   * Take the client address from X-Forwarded-For: only behind a reverse proxy that sets it.
   * Without it every request is attributed to the socket's address.
   */
  PARAPET_TRUST_PROXY: booleanFlag,
  /** Port of `pnpm start` (scripts/serve.ts). */
  PORT: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, 'PORT must be a port number.')
      .transform(Number)
      .pipe(z.number().int().min(1).max(65_535))
      .optional()
      .default(3000),
  ),
  /**
   * Address `pnpm start` listens on. By default loopback on the embedded database (a laptop's
   * first run is not reachable from the network before its owner exists) and every interface
   * with DATABASE_URL set (servers and containers).
   */
  PARAPET_HOST: optional,
  /** Where the embedded default keeps its data; `<repo root>/.parapet` by default. */
  PARAPET_DATA_DIR: optional,
  /** Headless first-run setup (see server/bootstrap/apply-headless-setup.ts). */
  PARAPET_SETUP_ORG_NAME: optional,
  PARAPET_SETUP_OWNER_EMAIL: optional,
  PARAPET_SETUP_OWNER_PASSWORD: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid console environment: ${problems.join('; ')}`);
  }
  return result.data;
}

/** The parsed environment, computed on first use (so `next build` needs no database URL). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Whether session cookies carry the Secure flag (and the `__Secure-` name prefix). */
export function secureCookiesEnabled(env: Env = getEnv()): boolean {
  return env.PARAPET_SECURE_COOKIES ?? env.AUTH_URL?.startsWith('https:') ?? false;
}
