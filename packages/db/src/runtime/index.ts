// @parapet/db/runtime: what an app needs at start-up — its database and its master key.
export {
  clearConfiguredMasterKey,
  configureMasterKey,
} from '../master-key/configure-master-key';
export { decodeMasterKey } from '../master-key/decode-master-key';
export { type LoadMasterKeyOptions, loadMasterKey, type MasterKey } from './load-master-key';
export {
  DEFAULT_EMBEDDED_PORT,
  EMBEDDED_DATABASE_NAME,
  type StartDatabaseOptions,
  type StartedDatabase,
  startDatabase,
} from './start-database';
