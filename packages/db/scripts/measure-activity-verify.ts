// Prints what verifying an org's activity chain costs at 20,000 entries: the whole walk (what
// the Activity page did on every view before the verified position existed) and the walk from
// the verified position (what it does now). Figures, not a test.
//
//   pnpm --filter @parapet/db exec tsx scripts/measure-activity-verify.ts
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { appendActivity, verifyActivityChain } from '../src/activity';
import { createPrismaClient } from '../src/client/create-prisma-client';
import { configureMasterKey } from '../src/master-key/configure-master-key';
import { migrate } from '../src/migrate';
import { startTemporaryPostgres } from '../src/runtime/start-temporary-postgres';
import { createOrg } from '../src/testing/seed-factories';

const ENTRIES = 20_000;
const PER_TRANSACTION = 500;

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  process.stdout.write(
    `${label.padEnd(58)} ${(performance.now() - started).toFixed(0).padStart(6)} ms\n`,
  );
  return result;
}

const server = await startTemporaryPostgres();
const prisma = createPrismaClient({ databaseUrl: server.url });
try {
  await migrate({ databaseUrl: server.url });
  configureMasterKey({ key: randomBytes(32) });
  const { id: orgId } = await createOrg({ prisma });
  async function append(count: number) {
    for (let done = 0; done < count; done += PER_TRANSACTION) {
      await prisma.$transaction(
        async (tx) => {
          for (let index = 0; index < Math.min(PER_TRANSACTION, count - done); index++) {
            await appendActivity(tx, {
              orgId,
              actorEmail: 'owner@example.test',
              action: 'sign_in',
              target: `entry ${done + index}`,
              ip: '192.0.2.1',
            });
          }
        },
        { timeout: 120_000 },
      );
    }
  }
  await timed(`append ${ENTRIES} entries`, () => append(ENTRIES));
  const whole = () => verifyActivityChain({ db: prisma, orgId });
  const sinceVerified = () => verifyActivityChain({ db: prisma, orgId, since: 'last-verified' });
  await timed('whole walk (warm-up)', whole);
  await timed('whole walk (every page view before)', whole);
  await timed('from the position: none stored yet (first view)', sinceVerified);
  await timed('from the position: nothing new (a page view now)', sinceVerified);
  await append(10);
  await timed('from the position: 10 new entries', sinceVerified);
} finally {
  await prisma.$disconnect();
  await server.stop();
}
