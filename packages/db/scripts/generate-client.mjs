#!/usr/bin/env node
// Generates the Prisma client (packages/db/src/generated/prisma) without touching the network.
//
// Prisma 7's CLI downloads a native schema-engine binary before `generate`, although generation
// itself never runs it. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file (here: the
// running Node binary) satisfies that check, so nothing is downloaded; CHECKPOINT_DISABLE stops
// the CLI's update check, which would otherwise do a DNS lookup. This keeps `pnpm install`
// working on air-gapped machines and in CI.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(packageDir, 'package.json'));
const prismaCli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');

const result = spawnSync(process.execPath, [prismaCli, 'generate', ...process.argv.slice(2)], {
  cwd: packageDir,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
