import { defineConfig } from 'vitest/config';

// One Vitest run covers every workspace project; each project keeps its own config
// (environment, global setup for the embedded Postgres harness, timeouts).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
