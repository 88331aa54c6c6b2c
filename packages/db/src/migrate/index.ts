// @parapet/db/migrate: the engine-free migrations runner.
export { type MigrateOptions, type MigrateResult, migrate } from './migrate';
export {
  checksumOf,
  defaultMigrationsDir,
  type MigrationFile,
  readMigrations,
} from './read-migrations';
