import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

// The schema engine's WebAssembly build talks to Postgres through `@prisma/adapter-pg`, which
// was written for the query engine. Three gaps show up when the schema engine uses it, and are
// closed here (they only concern authoring and drift checks, never the running apps):
//  1. `executeScript` splits scripts on every `;`, breaking function bodies (`$$ … ; … $$`) such
//     as the activity log's trigger: scripts are sent whole, and Postgres runs them correctly.
//  2. Shadow databases are opened with the pool's options spread into a new pool, but pg keeps
//     the password non-enumerable, so the spread loses it: shadows are opened here instead.
//  3. Catalog columns of internal types ("char", regproc, …) are rejected as unsupported when
//     the engine describes a database: they are relabelled as types the adapter knows.

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

// Postgres's one-byte "char" (pg_constraint.contype, …) must reach the engine as a character,
// a column type adapter-pg never produces: such columns pass the adapter as text, and are then
// marked as characters by name, remembered per SQL text (the same query always has the same
// result types). The other internal types are read as strings.
const CHAR_OID = 18;
const CATALOG_TEXT_TYPES = new Set([CHAR_OID, 22, 24, 30, 194, 1033, 2202, 2203, 2204, 2205, 2206]);
const TEXT_OID = 25;
const charColumnsBySql = new Map<string, Set<string>>();

export type EngineAdapter = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close: () => Promise<void>;
};

export function createEngineAdapter({ databaseUrl }: { databaseUrl: string }): EngineAdapter {
  const config = poolConfigOf(databaseUrl);
  const pool = createPool(config);
  const main = new PrismaPg(pool);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => withWholeScripts(await main.connect()),
    connectToShadowDb: () => connectToShadowDb({ config }),
  };
  return { factory, close: () => pool.end() };
}

async function connectToShadowDb({ config }: { config: pg.PoolConfig }): Promise<PgAdapter> {
  const database = `prisma_migrate_shadow_db_${randomUUID()}`;
  await runAdminStatement({ config, sql: `CREATE DATABASE "${database}"` });
  const shadowPool = createPool({ ...config, database });
  const adapter = withWholeScripts(
    await new PrismaPg(shadowPool, { disposeExternalPool: true }).connect(),
  );
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await runAdminStatement({ config, sql: `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)` });
  };
  return adapter;
}

function withWholeScripts(adapter: PgAdapter): PgAdapter {
  adapter.executeScript = async (script: string) => {
    await adapter.underlyingDriver().query(script);
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    const charColumns = charColumnsBySql.get(query.sql);
    if (charColumns) {
      result.columnTypes = result.columnTypes.map((type, index) =>
        charColumns.has(result.columnNames[index] ?? '') ? ColumnTypeEnum.Character : type,
      );
    }
    return result;
  };
  return adapter;
}

function createPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      const sql = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
      const relabel = <T>(result: T): T => relabelCatalogTypes({ result, sql });
      // pg-pool passes a callback; the adapter's transactions await a promise. Cover both.
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) =>
          last(error, result === undefined ? result : relabel(result));
      }
      const result = query(...args);
      return result instanceof Promise ? result.then(relabel) : result;
    };
  });
  return pool;
}

function relabelCatalogTypes<T>({ result, sql }: { result: T; sql: string | undefined }): T {
  for (const part of Array.isArray(result) ? result : [result]) {
    const fields = (part as { fields?: Array<{ name: string; dataTypeID: number }> }).fields;
    for (const field of fields ?? []) {
      if (field.dataTypeID === CHAR_OID && sql !== undefined) {
        const names = charColumnsBySql.get(sql) ?? new Set<string>();
        names.add(field.name);
        charColumnsBySql.set(sql, names);
      }
      if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

async function runAdminStatement({ config, sql }: { config: pg.PoolConfig; sql: string }) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Discrete fields rather than a connection string, which would mask a changed `database`. */
function poolConfigOf(databaseUrl: string): pg.PoolConfig {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
  };
}
