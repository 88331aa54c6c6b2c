// @parapet/db: the Prisma client and the generated types. Narrower entry points live beside it:
// ./runtime, ./migrate, ./scoped, ./activity, ./testing.
export { type CreatePrismaClientOptions, createPrismaClient } from './client/create-prisma-client';
export { defaultRawPoolSize, getPgPool } from './client/get-pg-pool';
export {
  configureDatabase,
  type DatabaseSettings,
  getDatabaseSettings,
  getPrisma,
} from './client/get-prisma';
export { isDatabaseBusy } from './client/is-database-busy';
export { DbError, type DbErrorCode } from './db-error';
export { type DbEnv, parseDbEnv } from './env';
export * from './generated/prisma/client';
