/**
 * The master key every test process uses (`createTestDatabase` configures it), fixed so that
 * activity chains written by one test verify in another. Not a secret: never use it outside tests.
 */
export const TEST_MASTER_KEY = Buffer.from(
  '7061726170657420746573742d6f6e6c79206d6173746572206b657920763121',
  'hex',
);
