import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    name: 'console',
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['@parapet/db/testing/global-setup'],
    // next-auth's ESM imports `next/server` without an extension, which only a bundler resolves:
    // let Vite process it instead of Node.
    server: { deps: { inline: ['next-auth'] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
