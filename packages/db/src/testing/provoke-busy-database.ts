import { createServer, type Socket } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { testDbContext } from './create-test-database';

/** Ways a database can fail to take work in time; see provokeBusyDatabase. */
export type BusyDatabaseKind = 'transaction' | 'query' | 'connect';

const shortWaitMs = 50;

/**
 * What the Prisma client throws at a caller when the database cannot take the work in time,
 * provoked for real, for tests of code that must answer "busy" rather than fail:
 *
 * - `transaction`: the pool's one connection is in use and an interactive transaction gives up
 *   waiting for it (its `maxWait`);
 * - `query`: the same, for a query, which gives up at the pool's `connectionTimeoutMillis`;
 * - `connect`: a new connection is not accepted in time (a server that never answers).
 */
export async function provokeBusyDatabase(kind: BusyDatabaseKind): Promise<unknown> {
  if (kind === 'connect') return provokeConnectTimeout();
  const pool = new pg.Pool({ connectionString: testDbContext().adminUrl, max: 1 });
  // The pool's one connection, taken before any deadline applies to it.
  const held = await pool.connect();
  // Only the query waits on the pool's deadline; the transaction waits on its own `maxWait`, so
  // each kind surfaces its own shape (with equal waits, whichever timer fires first decides).
  if (kind === 'query') pool.options.connectionTimeoutMillis = shortWaitMs;
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    const attempt =
      kind === 'transaction'
        ? prisma.$transaction(async () => {}, { maxWait: shortWaitMs })
        : prisma.$queryRaw`SELECT 1`;
    return await failureOf(attempt);
  } finally {
    held.release();
    await prisma.$disconnect();
    await pool.end();
  }
}

async function provokeConnectTimeout(): Promise<unknown> {
  // Accepts connections and never answers, as a Postgres too loaded to get to them would.
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  const prisma = new PrismaClient({
    adapter: new PrismaPg({
      connectionString: `postgres://nobody@127.0.0.1:${port}/none`,
      connectionTimeoutMillis: shortWaitMs,
    }),
  });
  try {
    return await failureOf(prisma.$queryRaw`SELECT 1`);
  } finally {
    await prisma.$disconnect();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
}

function failureOf(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => {
      throw new Error('provokeBusyDatabase: the database took the work after all.');
    },
    (error: unknown) => error,
  );
}
