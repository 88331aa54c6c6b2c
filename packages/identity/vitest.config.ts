import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'identity',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    globalSetup: ['@parapet/db/testing/global-setup'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
