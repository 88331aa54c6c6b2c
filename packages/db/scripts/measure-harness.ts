// Prints what the test harness costs on this machine: starting a temporary cluster (initdb +
// start), migrating the template, and cloning a test database from it. Figures, not a test.
//
//   pnpm --filter @parapet/db exec tsx scripts/measure-harness.ts
import { performance } from 'node:perf_hooks';
import { startTemporaryPostgres } from '../src/runtime/start-temporary-postgres';
import {
  dropRunDatabases,
  prepareTemplate,
  withAdminClient,
} from '../src/testing/prepare-template';

const CLONES = 20;

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  process.stdout.write(
    `${label.padEnd(44)} ${(performance.now() - started).toFixed(0).padStart(6)} ms\n`,
  );
  return result;
}

const server = await timed('temporary cluster: initdb + start', () => startTemporaryPostgres());
try {
  const context = await timed('template: create + apply all migrations', () =>
    prepareTemplate({ adminUrl: server.adminUrl }),
  );
  const started = performance.now();
  await withAdminClient({ adminUrl: server.adminUrl }, async (client) => {
    for (let index = 0; index < CLONES; index++) {
      await client.query(
        `CREATE DATABASE "parapet_test_${context.runId}_${index}" TEMPLATE "${context.templateDatabase}"`,
      );
    }
  });
  const perClone = (performance.now() - started) / CLONES;
  process.stdout.write(
    `${'clone one test database (mean of 20)'.padEnd(44)} ${perClone.toFixed(0).padStart(6)} ms\n`,
  );
  await timed('drop the run databases', () => dropRunDatabases(context));
} finally {
  await timed('stop + delete the cluster', () => server.stop());
}
