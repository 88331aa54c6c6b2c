#!/usr/bin/env node
// The package ships TypeScript sources, so the CLI registers tsx's loader and then runs the
// TypeScript entry point (as parapet-policy does).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
