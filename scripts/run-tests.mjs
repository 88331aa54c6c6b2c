#!/usr/bin/env node
// Runs every test suite of the workspace and ends with one line that totals them all:
// `N passed, N failed` (", N skipped" when some were skipped). CI reads that line, so a suite
// that crashes before reporting is counted as one failure rather than silently vanishing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'test-results', 'summary');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const results = [];

function run(name, command, args, env = {}) {
  process.stdout.write(`\n━━ ${name}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const child = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { code: child.status ?? 1, seconds };
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

// Static checks count as one test each: they either pass or they do not.
for (const [name, args] of [
  ['lint', ['exec', 'biome', 'check', '.']],
  ['typecheck', ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']],
]) {
  const { code, seconds } = run(name, 'pnpm', args);
  results.push({
    name,
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    skipped: 0,
    seconds,
  });
}

// Unit and integration tests: one Vitest run over every project of the workspace.
{
  const output = join(reports, 'vitest.json');
  const { code, seconds } = run('vitest', 'pnpm', [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${output}`,
  ]);
  const report = readJson(output);
  if (report) {
    const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0);
    results.push({
      name: 'vitest',
      passed: report.numPassedTests,
      failed,
      skipped: report.numPendingTests + report.numTodoTests,
      seconds,
    });
  } else {
    results.push({ name: 'vitest', passed: 0, failed: 1, skipped: 0, seconds });
  }
}

// End-to-end tests in Chromium, when the workspace has them.
if (existsSync(join(root, 'packages', 'e2e', 'package.json'))) {
  const output = join(reports, 'playwright.json');
  const { code, seconds } = run('playwright', 'pnpm', ['--filter', '@parapet/e2e', 'run', 'test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: output,
  });
  const report = readJson(output);
  if (report?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
    const failed = unexpected + (code !== 0 && unexpected === 0 ? 1 : 0);
    results.push({ name: 'playwright', passed: expected + flaky, failed, skipped, seconds });
  } else {
    results.push({ name: 'playwright', passed: 0, failed: 1, skipped: 0, seconds });
  }
}

process.stdout.write('\n━━ summary\n');
for (const r of results) {
  process.stdout.write(
    `${r.name.padEnd(12)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped).padStart(4)} skipped  (${r.seconds}s)\n`,
  );
}
const total = results.reduce(
  (sum, r) => ({
    passed: sum.passed + r.passed,
    failed: sum.failed + r.failed,
    skipped: sum.skipped + r.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
process.stdout.write(`${total.passed} passed, ${total.failed} failed${skipped}\n`);
process.exit(total.failed > 0 ? 1 : 0);
