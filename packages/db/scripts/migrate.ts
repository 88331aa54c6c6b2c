// Applies pending migrations to the database the apps would use: DATABASE_URL when set,
// otherwise the embedded default in <repo root>/.parapet (started for the occasion).
//
//   pnpm --filter @parapet/db migrate
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/migrate/migrate';
import { startDatabase } from '../src/runtime/start-database';

const dataDir = fileURLToPath(new URL('../../../.parapet', import.meta.url));
const database = await startDatabase({ dataDir });
try {
  const { applied, alreadyApplied } = await migrate({ databaseUrl: database.url });
  for (const name of applied) process.stdout.write(`applied ${name}\n`);
  process.stdout.write(
    `${applied.length} applied, ${alreadyApplied.length} already applied (${database.embedded ? `embedded, data in ${dataDir}` : 'DATABASE_URL'})\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
