import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The agent, the edge and a browser verify bundles with this same code, so nothing outside
// tests may depend on Node: signing goes through jose and Web Crypto only.

const source = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the package is portable', () => {
  const files = sourceFiles(source);

  it('covers the sources', () => {
    expect(files.length).toBeGreaterThan(8);
  });

  it.each(files.map((file) => [relative(source, file), file]))(
    '%s uses no Node-only API',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(
        /from ['"]node:|from ['"](crypto|fs|path)['"]|require\(|\bprocess\.|\bBuffer\b|__dirname|import\.meta/,
      );
    },
  );

  it('depends on jose, canonicalize and zod only', () => {
    const manifest = JSON.parse(readFileSync(join(source, '../package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['canonicalize', 'jose', 'zod']);
  });
});
