import type {} from 'vitest';

/** What the global setup hands to every test worker through Vitest's provide/inject. */
export type ParapetTestDbContext = {
  /** A URL with the right to CREATE and DROP databases on the test server. */
  adminUrl: string;
  /** The migrated database every test database is cloned from. */
  templateDatabase: string;
  /** Prefixes this run's databases, so cleanup never touches another run's. */
  runId: string;
};

declare module 'vitest' {
  export interface ProvidedContext {
    parapetDb: ParapetTestDbContext;
  }
}

export function withDatabase({ url, database }: { url: string; database: string }): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
