import { defineConfig } from 'vitest/config';

// Pure code: no database, so no global setup.
export default defineConfig({
  test: {
    name: 'errors',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
