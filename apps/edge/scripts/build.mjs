#!/usr/bin/env node
// Builds dist/edge.mjs, the one file the edge runs from (scripts/bundle-node-app.mjs says why).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleNodeApp } from '../../../scripts/bundle-node-app.mjs';

await bundleNodeApp({
  appDir: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  name: 'edge',
  build,
});
