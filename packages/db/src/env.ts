import { z } from 'zod';
import { DbError } from './db-error';

// Every environment variable @parapet/db reads is parsed here, once, so a typo or a malformed
// value fails with one clear message instead of deep inside a connection attempt.

const optionalString = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const databaseUrl = optionalString.pipe(
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
);

const port = optionalString.pipe(
  z
    .string()
    .regex(/^\d{1,5}$/, 'PARAPET_DB_PORT must be a port number')
    .transform(Number)
    .refine((value) => value >= 1 && value <= 65535, 'PARAPET_DB_PORT must be between 1 and 65535')
    .optional(),
);

const absolutePath = optionalString.pipe(
  z
    .string()
    .refine((value) => value.startsWith('/'), 'PARAPET_STATE_DIR must be an absolute path')
    .optional(),
);

const poolSize = optionalString.pipe(
  z
    .string()
    .regex(/^\d{1,4}$/, 'PARAPET_DB_POOL_SIZE must be a whole number')
    .transform(Number)
    .refine(
      (value) => value >= 1 && value <= 1000,
      'PARAPET_DB_POOL_SIZE must be between 1 and 1000',
    )
    .optional(),
);

const envSchema = z.object({
  DATABASE_URL: databaseUrl,
  PARAPET_DB_PORT: port,
  /** Connections this process may hold open to Postgres (see createPrismaClient). */
  PARAPET_DB_POOL_SIZE: poolSize,
  PARAPET_MASTER_KEY: optionalString,
  /** As root: where Postgres's binaries and cluster go when the checkout is closed to it. */
  PARAPET_STATE_DIR: absolutePath,
});

export type DbEnv = z.infer<typeof envSchema>;

/** Parses the variables this package reads; throws one readable error listing every problem. */
export function parseDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  const result = envSchema.safeParse({
    DATABASE_URL: source.DATABASE_URL,
    PARAPET_DB_PORT: source.PARAPET_DB_PORT,
    PARAPET_DB_POOL_SIZE: source.PARAPET_DB_POOL_SIZE,
    PARAPET_MASTER_KEY: source.PARAPET_MASTER_KEY,
    PARAPET_STATE_DIR: source.PARAPET_STATE_DIR,
  });
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new DbError('CONFIG_INVALID', `Invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
}
