// @parapet/accounts/testing: helpers for integration tests of the accounts domain and of the
// console's actions (real database, real password hashes, row-by-row "nothing changed").
export { expectAppError } from './expect-app-error';
export {
  type SeededMember,
  type SeededOrg,
  seedMember,
  seedOrg,
  testPassword,
} from './seed-member';
export { setupSeededTestDatabase } from './setup-seeded-test-database';
export { setupTestDatabase } from './setup-test-database';
export { snapshotDatabase } from './snapshot-database';
