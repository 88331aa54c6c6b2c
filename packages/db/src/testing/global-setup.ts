// Vitest global setup: one PostgreSQL for the whole test run, shared by every project (package)
// that lists this file in `test.globalSetup`. Embedded and temporary by default; with
// DATABASE_URL set, that server is used and only this run's own databases are created/dropped.
import type { TestProject } from 'vitest/node';
import { parseDbEnv } from '../env';
import { startTemporaryPostgres } from '../runtime/start-temporary-postgres';
import { sweepTemporaryClusters } from '../runtime/sweep-temporary-clusters';
import { dropRunDatabases, prepareTemplate } from './prepare-template';
import type { ParapetTestDbContext } from './provided-context';

type SharedHarness = {
  users: number;
  ready: Promise<{ context: ParapetTestDbContext; stop: () => Promise<void> }>;
};

// Vitest runs each project's global setup in its own module graph, but all in the main process:
// globalThis is the one place they share, so the first project starts Postgres and the last to
// tear down stops it.
const HARNESS = Symbol.for('parapet.db.testHarness');
const registry = globalThis as typeof globalThis & { [HARNESS]?: SharedHarness };

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = registry[HARNESS];
  if (!shared) {
    shared = { users: 0, ready: startHarness() };
    registry[HARNESS] = shared;
  }
  shared.users += 1;
  const harness = shared;
  const { context, stop } = await harness.ready;
  project.provide('parapetDb', context);
  return async () => {
    harness.users -= 1;
    if (harness.users > 0) return;
    delete registry[HARNESS];
    await stop();
  };
}

async function startHarness(): Promise<{
  context: ParapetTestDbContext;
  stop: () => Promise<void>;
}> {
  const { DATABASE_URL: databaseUrl } = parseDbEnv();
  if (databaseUrl) {
    const context = await prepareTemplate({ adminUrl: databaseUrl });
    return { context, stop: () => dropRunDatabases(context) };
  }
  await sweepTemporaryClusters();
  const server = await startTemporaryPostgres();
  try {
    const context = await prepareTemplate({ adminUrl: server.adminUrl });
    return { context, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
