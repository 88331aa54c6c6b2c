import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { configureDatabase, getPrisma } from './get-prisma';

let db: TestDatabase;
const savedUrl = process.env.DATABASE_URL;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});
const holder = globalThis as {
  __parapetDatabase?: unknown;
  __parapetPrisma?: { client: { $disconnect: () => Promise<void> } };
};
afterEach(() => {
  delete holder.__parapetDatabase;
});
afterAll(async () => {
  await holder.__parapetPrisma?.client.$disconnect();
  delete holder.__parapetPrisma;
  await db.drop();
});

describe('getPrisma', () => {
  it('explains that no database is configured', () => {
    delete process.env.DATABASE_URL;
    expect(() => getPrisma()).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('returns one client per process, kept on globalThis so hot reloads reuse it', async () => {
    configureDatabase({ url: db.databaseUrl });
    const first = getPrisma();
    expect(getPrisma()).toBe(first);
    expect((globalThis as { __parapetPrisma?: { client: unknown } }).__parapetPrisma?.client).toBe(
      first,
    );
    await first.organization.create({ data: { name: 'Through the singleton' } });
    expect(await first.organization.count()).toBe(1);
  });

  it('reads the environment once, not on every call', () => {
    process.env.DATABASE_URL = db.databaseUrl;
    const first = getPrisma();
    process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/changed-after-start';
    expect(getPrisma()).toBe(first);
  });

  it('replaces the client when the process is pointed at another database', async () => {
    configureDatabase({ url: db.databaseUrl });
    const first = getPrisma();
    configureDatabase({ url: `${db.databaseUrl}?application_name=other`, poolSize: 2 });
    const second = getPrisma();
    expect(second).not.toBe(first);
    expect(await second.organization.count()).toBeGreaterThanOrEqual(0);
  });
});
