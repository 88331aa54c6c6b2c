import { defineProject } from 'vitest/config';

// The policy engine is pure and fast, so its unit, property and CLI tests share one project.
// The CLI tests spawn the real bin through tsx, which takes a second or two on a busy machine.
export default defineProject({
  test: {
    name: 'policy',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
