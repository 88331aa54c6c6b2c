import { parseDestinationNetworkPolicy } from '@parapet/audit/deliver';
import { z } from 'zod';
import { parseTrustedProxies } from './server/http/parse-trusted-proxies';

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
   * The reverse proxies in front of the console (addresses and CIDRs, comma- or space-separated).
   * X-Forwarded-For is read only from a connection whose peer is one of them (see
   * server/http/resolve-client-address.ts); without any, every request is attributed to the
   * socket's address.
   */
  PARAPET_TRUSTED_PROXIES: optional.transform((text, context) => {
    if (text === undefined) return [];
    const parsed = parseTrustedProxies(text);
    if (parsed.ok) return parsed.cidrs;
    context.addIssue({
      code: 'custom',
      message: `${parsed.invalid.map((entry) => `'${entry}'`).join(', ')}: not an IP address or CIDR (like 10.0.0.0/8 or 2001:db8::/32).`,
    });
    return z.NEVER;
  }),
  /** Replaced by PARAPET_TRUSTED_PROXIES; `true` still means "a proxy on this host". */
  PARAPET_TRUST_PROXY: booleanFlag,
  /**
   * The one-time token /setup asks for, for installs with several replicas (each must accept
   * the same). Without it, a network-facing console makes one up at start-up and logs it.
   */
  PARAPET_SETUP_TOKEN: optional.pipe(
    z
      .string()
      .min(32, 'PARAPET_SETUP_TOKEN must be at least 32 characters (openssl rand -hex 32).')
      .max(200, 'PARAPET_SETUP_TOKEN must be at most 200 characters.')
      .optional(),
  ),
  /**
   * Who may create organizations besides first-run setup: `operator` (default: only from the
   * command line, `pnpm parapet org create`) or `self-service` (anyone may sign up with an
   * organization, and a signed-in person may create more; there is no email verification).
   */
  PARAPET_ORG_CREATION: optional.pipe(
    z
      .enum(['operator', 'self-service'], { error: 'Use operator or self-service.' })
      .optional()
      .default('operator'),
  ),
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
  /**
   * The edge API (apps/edge) that `pnpm start` runs beside the console, for endpoints: its port
   * (default 3001), the address it listens on (default: the console's), and the public URL that
   * enrollment tokens point agents at (default http://localhost:<edge port>).
   */
  PARAPET_EDGE_PORT: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, 'PARAPET_EDGE_PORT must be a port number.')
      .transform(Number)
      .pipe(z.number().int().min(1).max(65_535))
      .optional()
      .default(3001),
  ),
  PARAPET_EDGE_HOST: optional,
  PARAPET_EDGE_URL: optional.pipe(z.url({ error: 'PARAPET_EDGE_URL must be a URL.' }).optional()),
  /** Whether `pnpm start` runs the edge too (default true; false when it is deployed apart). */
  PARAPET_EDGE_ENABLED: booleanFlag,
  /**
   * Whether `pnpm start` runs the worker (SIEM export, event partitions and retention) too
   * (default true; false when it runs as its own service). Its own settings (PARAPET_WORKER_*,
   * PARAPET_EXPORT_*, PARAPET_EVENT_RETENTION_DAYS) pass through to it; see apps/worker/README.md.
   */
  PARAPET_WORKER_ENABLED: booleanFlag,
  /**
   * V8 flags for the edge's Node, space-separated (default `--max-semi-space-size=8
   * --heap-growing-percent=20`: a heap kept small for many held long-polls, at full speed).
   */
  PARAPET_EDGE_V8_FLAGS: z
    .string()
    .optional()
    .transform((text) => (text === undefined ? undefined : text.split(/\s+/).filter(Boolean)))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^--[a-z0-9-]+(=[\w.-]+)?$/,
              'PARAPET_EDGE_V8_FLAGS holds flags like --optimize-for-size.',
            ),
        )
        .optional(),
    ),
  /** Where the embedded default keeps its data; `<repo root>/.parapet` by default. */
  PARAPET_DATA_DIR: optional,
  /** Headless first-run setup (see server/bootstrap/apply-headless-setup.ts). */
  PARAPET_SETUP_ORG_NAME: optional,
  PARAPET_SETUP_OWNER_EMAIL: optional,
  PARAPET_SETUP_OWNER_PASSWORD: z.string().optional(),
  /** An owner API key to create at headless setup: `ppk_` and at least 32 more characters. */
  PARAPET_SETUP_API_KEY: optional,
  /**
   * Which networks SIEM destinations may reach (see the worker's README): checked when a
   * destination is saved and when the console sends it a test event.
   */
  PARAPET_EXPORT_ALLOWED_NETWORKS: optional,
  PARAPET_EXPORT_DENIED_NETWORKS: optional,
  PARAPET_EXPORT_ALLOW_INSECURE: optional,
});

/** The settings, with the destination network policy read from its three variables. */
const settingsSchema = envSchema.transform((env, context) => {
  try {
    const { PARAPET_EXPORT_ALLOWED_NETWORKS, PARAPET_EXPORT_DENIED_NETWORKS } = env;
    const exportNetwork = parseDestinationNetworkPolicy({
      PARAPET_EXPORT_ALLOWED_NETWORKS,
      PARAPET_EXPORT_DENIED_NETWORKS,
      PARAPET_EXPORT_ALLOW_INSECURE: env.PARAPET_EXPORT_ALLOW_INSECURE,
    });
    return { ...env, exportNetwork };
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

export type Env = z.infer<typeof settingsSchema>;

let cached: Env | undefined;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = settingsSchema.safeParse(source);
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
