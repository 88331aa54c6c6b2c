// @parapet/db/testing: the integration-test harness. Pair it with the global setup:
//   test: { globalSetup: ['@parapet/db/testing/global-setup'] }
export {
  createEmptyDatabase,
  createTestDatabase,
  freezeAsTemplate,
  type TestDatabase,
  testDbContext,
} from './create-test-database';
export type { ParapetTestDbContext } from './provided-context';
export { provokeBusyDatabase } from './provoke-busy-database';
export { createMembership, createOrg, createUser } from './seed-factories';
export { TEST_MASTER_KEY } from './test-master-key';
