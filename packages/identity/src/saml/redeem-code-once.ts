import { createHash } from 'node:crypto';
import type { PrismaClient } from '@parapet/db';
import { jacksonSchema, usedCodesTable } from './jackson';

// Codes live ten minutes in jackson (its ttl); a used code is remembered a little longer.
const rememberMs = 15 * 60_000;

/**
 * True the first time a code is offered, false ever after: the insert of its hash is the test,
 * so two callbacks racing with one code cannot both pass. Expired entries are swept on the way.
 */
export async function redeemCodeOnce({
  db,
  code,
  now = new Date(),
}: {
  db: PrismaClient;
  code: string;
  now?: Date;
}): Promise<boolean> {
  const hash = createHash('sha256').update(code).digest('hex');
  const table = `${jacksonSchema}.${usedCodesTable}`;
  await db.$executeRawUnsafe(`DELETE FROM ${table} WHERE expires_at < $1`, now);
  const inserted = await db.$executeRawUnsafe(
    `INSERT INTO ${table} (code_hash, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    hash,
    new Date(now.getTime() + rememberMs),
  );
  return inserted === 1;
}
