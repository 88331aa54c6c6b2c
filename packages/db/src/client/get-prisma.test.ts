import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { getPrisma } from './get-prisma';

let db: TestDatabase;
const savedUrl = process.env.DATABASE_URL;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});
afterAll(async () => {
  const holder = globalThis as {
    __parapetPrisma?: { client: { $disconnect: () => Promise<void> } };
  };
  await holder.__parapetPrisma?.client.$disconnect();
  delete holder.__parapetPrisma;
  await db.drop();
});

describe('getPrisma', () => {
  it('explains that DATABASE_URL is missing', () => {
    delete process.env.DATABASE_URL;
    expect(() => getPrisma()).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('returns one client per process, kept on globalThis so hot reloads reuse it', async () => {
    process.env.DATABASE_URL = db.databaseUrl;
    const first = getPrisma();
    expect(getPrisma()).toBe(first);
    expect((globalThis as { __parapetPrisma?: { client: unknown } }).__parapetPrisma?.client).toBe(
      first,
    );
    await first.organization.create({ data: { name: 'Through the singleton' } });
    expect(await first.organization.count()).toBe(1);
  });

  it('replaces the client when DATABASE_URL changes', async () => {
    process.env.DATABASE_URL = db.databaseUrl;
    const first = getPrisma();
    process.env.DATABASE_URL = `${db.databaseUrl}?application_name=other`;
    const second = getPrisma();
    expect(second).not.toBe(first);
    expect(await second.organization.count()).toBeGreaterThanOrEqual(0);
  });
});
