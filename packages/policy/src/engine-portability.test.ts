import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Endpoints and the browser run the same engine, so nothing outside src/cli may depend on
// Node: no node: imports, no process, no Buffer, no filesystem.

const source = dirname(fileURLToPath(import.meta.url));

function engineFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'cli' || entry.name === 'testing' ? [] : engineFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the engine is portable', () => {
  const files = engineFiles(source);

  it('covers the engine sources', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((file) => [relative(source, file), file]))(
    '%s uses no Node-only API',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(
        /from ['"]node:|require\(|\bprocess\.|\bBuffer\b|__dirname|import\.meta/,
      );
    },
  );

  it('depends on zod and yaml only (and tsx for the bin)', () => {
    const manifest = JSON.parse(readFileSync(join(source, '../package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['tsx', 'yaml', 'zod']);
  });
});
