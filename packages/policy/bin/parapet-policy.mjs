#!/usr/bin/env node
// The package ships TypeScript sources (the workspace compiles them where they are used), so the
// CLI registers tsx's loader and then runs the TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
