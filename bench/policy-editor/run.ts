import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Measures the console's structured policy editor in a real browser without a test runner:
// the page renders and edits a large document synchronously, and Chromium's --dump-dom prints
// the figures it wrote into the page. CHROMIUM (default /usr/bin/chromium) names the browser.

const here = fileURLToPath(new URL('.', import.meta.url));
const rules = Number(process.argv[2] ?? 1000);
const browser = process.env.CHROMIUM ?? '/usr/bin/chromium';
const outDir = mkdtempSync(join(tmpdir(), 'policy-editor-bench-'));

await build({
  entryPoints: [join(here, 'page.tsx')],
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // React comes from the console, whose components are measured.
  nodePaths: [join(here, '../../apps/console/node_modules')],
  outfile: join(outDir, 'page.js'),
  logLevel: 'warning',
});
writeFileSync(
  join(outDir, 'index.html'),
  `<!doctype html><html><body><div id="root"></div><script>window.benchRules = ${rules};</script><script src="page.js"></script></body></html>`,
);

const dom = execFileSync(
  browser,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--dump-dom',
    `file://${join(outDir, 'index.html')}`,
  ],
  { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
);
const match = /<pre id="bench-result">([^<]*)<\/pre>/.exec(dom);
if (match?.[1] === undefined) throw new Error('the page wrote no result');
console.log(match[1].replaceAll('&quot;', '"'));
