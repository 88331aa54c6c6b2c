import { z } from 'zod';

// The edge's environment, parsed once, here. main.ts reads `getEnv()`; nothing else reads
// process.env (@parapet/db parses its own variables, DATABASE_URL and PARAPET_MASTER_KEY among
// them, the same way).

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

function wholeNumber(
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
) {
  return optional.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number.`)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(min, `${name} must be at least ${min}.`)
          .max(max, `${name} must be at most ${max}.`),
      )
      .optional()
      .default(fallback),
  );
}

const envSchema = z.object({
  /** The Postgres the console migrated: the edge never migrates, it only reads and notifies. */
  DATABASE_URL: optional.pipe(
    z
      .string({ error: 'DATABASE_URL is required: the edge serves what the console stored.' })
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL.'),
  ),
  PARAPET_EDGE_PORT: wholeNumber('PARAPET_EDGE_PORT', { min: 0, max: 65_535, fallback: 3001 }),
  PARAPET_EDGE_HOST: optional.default('127.0.0.1'),
  /** The control plane's public URL: the `iss` of every bundle, the same on every replica. */
  PARAPET_PUBLIC_URL: optional.pipe(
    z.url({ error: 'PARAPET_PUBLIC_URL is required and must be a URL (the console’s address).' }),
  ),
  /**
   * The console's public URL, where people approve device logins (`<it>/device`, RFC 8628's
   * verification_uri). Defaults to PARAPET_PUBLIC_URL, which `pnpm start` sets to the console.
   */
  PARAPET_CONSOLE_URL: optional.pipe(
    z.url({ error: 'PARAPET_CONSOLE_URL must be a URL (the console’s address).' }).optional(),
  ),
  /** 32 bytes, base64 or hex; @parapet/db decodes it (loadMasterKey). Required here. */
  PARAPET_MASTER_KEY: optional.pipe(z.string({ error: 'PARAPET_MASTER_KEY is required.' })),
  /** A bundle's lifetime (`exp - iat`); the edge re-signs when half of it has passed. */
  PARAPET_BUNDLE_TTL_SECONDS: wholeNumber('PARAPET_BUNDLE_TTL_SECONDS', {
    min: 120,
    max: 30 * 86_400,
    fallback: 86_400,
  }),
  /** The longest `Prefer: wait=N` the edge honours; a longer one is capped to it. */
  PARAPET_EDGE_MAX_WAIT_SECONDS: wholeNumber('PARAPET_EDGE_MAX_WAIT_SECONDS', {
    min: 0,
    max: 300,
    fallback: 60,
  }),
  /** Connections the kernel queues for the edge to accept (Linux caps it at net.core.somaxconn). */
  PARAPET_EDGE_LISTEN_BACKLOG: wholeNumber('PARAPET_EDGE_LISTEN_BACKLOG', {
    min: 1,
    max: 1_000_000,
    fallback: 4096,
  }),
  /** Per client address and minute, on POST /v1/enroll and on /v1/auth/*; 0 turns it off. */
  PARAPET_EDGE_ENROLL_PER_MINUTE: wholeNumber('PARAPET_EDGE_ENROLL_PER_MINUTE', {
    min: 0,
    max: 1_000_000,
    fallback: 30,
  }),
  PARAPET_EDGE_AUTH_PER_MINUTE: wholeNumber('PARAPET_EDGE_AUTH_PER_MINUTE', {
    min: 0,
    max: 1_000_000,
    fallback: 120,
  }),
  /** POST /v1/events: the largest body in bytes (as received and after gzip) and in events. */
  PARAPET_EDGE_EVENTS_MAX_BYTES: wholeNumber('PARAPET_EDGE_EVENTS_MAX_BYTES', {
    min: 1024,
    max: 256 * 1024 * 1024,
    fallback: 4 * 1024 * 1024,
  }),
  PARAPET_EDGE_EVENTS_MAX_COUNT: wholeNumber('PARAPET_EDGE_EVENTS_MAX_COUNT', {
    min: 1,
    max: 1_000_000,
    fallback: 5_000,
  }),
  /** Days of audit events kept (the worker drops older partitions); older events are refused. */
  PARAPET_EVENT_RETENTION_DAYS: wholeNumber('PARAPET_EVENT_RETENTION_DAYS', {
    min: 1,
    max: 36_500,
    fallback: 90,
  }),
  /**
   * The reverse proxies in front of the edge (addresses or CIDRs, comma- or space-separated):
   * X-Forwarded-For is believed only from them, so the rate limits count each client apart.
   */
  PARAPET_TRUSTED_PROXIES: optional.transform((text) =>
    text === undefined ? undefined : text.split(/[\s,]+/).filter((entry) => entry !== ''),
  ),
  /** Logs every request (off by default: the poll path is the hot path). */
  PARAPET_EDGE_LOG_REQUESTS: optional.pipe(
    z
      .enum(['true', 'false', '1', '0'], { error: 'Use true or false.' })
      .transform((value) => value === 'true' || value === '1')
      .optional(),
  ),
  PARAPET_EDGE_LOG_LEVEL: optional.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
    );
    throw new Error(`Invalid edge environment: ${problems.join('; ')}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The parsed environment, computed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
