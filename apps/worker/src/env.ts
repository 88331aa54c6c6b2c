import { hostname } from 'node:os';
import { z } from 'zod';

// The worker's environment, parsed once, here. main.ts reads `getEnv()`; nothing else reads
// process.env (@parapet/db parses its own variables, and the destinations' network policy is
// parsed by parseDestinationNetworkPolicy from @parapet/audit/deliver, the console's too).

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

const envSchema = z
  .object({
    /** The Postgres the console migrated: the worker never migrates. */
    DATABASE_URL: optional.pipe(
      z
        .string({
          error: 'DATABASE_URL is required: the worker exports what the console and edge stored.',
        })
        .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL.'),
    ),
    /** 32 bytes, base64 or hex, the console's: destination secrets are sealed with it. */
    PARAPET_MASTER_KEY: optional.pipe(z.string({ error: 'PARAPET_MASTER_KEY is required.' })),
    /** Names this worker in leases and logs; unique per replica (default host name and pid). */
    PARAPET_WORKER_ID: optional
      .pipe(
        z
          .string()
          .regex(/^[\w.:-]{1,80}$/, 'PARAPET_WORKER_ID: letters, digits, . _ : - (at most 80).')
          .optional(),
      )
      .transform((value) => value ?? `${hostname()}-${process.pid}`),
    /** /metrics and /healthz; 0 turns the HTTP listener off. */
    PARAPET_WORKER_PORT: wholeNumber('PARAPET_WORKER_PORT', {
      min: 0,
      max: 65_535,
      fallback: 3002,
    }),
    PARAPET_WORKER_HOST: optional.default('127.0.0.1'),
    /** How many destinations this worker exports to at once. */
    PARAPET_WORKER_CONCURRENCY: wholeNumber('PARAPET_WORKER_CONCURRENCY', {
      min: 1,
      max: 64,
      fallback: 4,
    }),
    /** How long an idle worker waits before looking for a due destination again. */
    PARAPET_EXPORT_POLL_MS: wholeNumber('PARAPET_EXPORT_POLL_MS', {
      min: 10,
      max: 60_000,
      fallback: 250,
    }),
    PARAPET_EXPORT_BATCH_SIZE: wholeNumber('PARAPET_EXPORT_BATCH_SIZE', {
      min: 1,
      max: 10_000,
      fallback: 1_000,
    }),
    /** A destination with less than a full batch waiting is sent to at least this often. */
    PARAPET_EXPORT_FLUSH_MS: wholeNumber('PARAPET_EXPORT_FLUSH_MS', {
      min: 10,
      max: 600_000,
      fallback: 1_000,
    }),
    PARAPET_EXPORT_FAILING_AFTER_SECONDS: wholeNumber('PARAPET_EXPORT_FAILING_AFTER_SECONDS', {
      min: 0,
      max: 7 * 86_400,
      fallback: 300,
    }),
    /** The whole delivery of one batch. */
    PARAPET_EXPORT_TIMEOUT_SECONDS: wholeNumber('PARAPET_EXPORT_TIMEOUT_SECONDS', {
      min: 1,
      max: 600,
      fallback: 15,
    }),
    /** The longest wait between retries after 429, 5xx and network errors. */
    PARAPET_EXPORT_RETRY_MAX_SECONDS: wholeNumber('PARAPET_EXPORT_RETRY_MAX_SECONDS', {
      min: 1,
      max: 3_600,
      fallback: 60,
    }),
    /** How long a claim lasts: a crashed worker's destination is taken over after this. */
    PARAPET_EXPORT_LEASE_SECONDS: wholeNumber('PARAPET_EXPORT_LEASE_SECONDS', {
      min: 5,
      max: 3_600,
      fallback: 60,
    }),
    /** `debug` adds a line per delivered batch. */
    PARAPET_WORKER_LOG_LEVEL: optional.pipe(
      z
        .enum(['debug', 'info'], { error: 'PARAPET_WORKER_LOG_LEVEL is debug or info.' })
        .default('info'),
    ),
    /** Event partitions whose day ended longer ago than this are dropped. */
    PARAPET_EVENT_RETENTION_DAYS: wholeNumber('PARAPET_EVENT_RETENTION_DAYS', {
      min: 1,
      max: 36_500,
      fallback: 90,
    }),
  })
  .refine((env) => env.PARAPET_EXPORT_LEASE_SECONDS >= env.PARAPET_EXPORT_TIMEOUT_SECONDS * 2, {
    message:
      'PARAPET_EXPORT_LEASE_SECONDS must be at least twice PARAPET_EXPORT_TIMEOUT_SECONDS, so a lease outlives a delivery.',
    path: ['PARAPET_EXPORT_LEASE_SECONDS'],
  });

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
    );
    throw new Error(`Invalid worker environment: ${problems.join('; ')}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The parsed environment, computed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
