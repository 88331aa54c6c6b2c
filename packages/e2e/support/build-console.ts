import { spawnSync } from 'node:child_process';

const concurrentBuild = 'Another next build process is already running';

/**
 * Builds the console for production, and the edge's bundle the console runs, through
 * Turborepo, which skips the work when nothing changed since the last build. Next.js refuses
 * to build while another build of the same app runs (someone's `pnpm start` on the same
 * checkout); that one is waited for, not reported.
 */
export async function buildConsole({ repoRoot }: { repoRoot: string }): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  process.stdout.write('Building the console and the edge (cached when unchanged)…\n');
  for (;;) {
    const build = spawnSync(
      'pnpm',
      [
        'exec',
        'turbo',
        'run',
        'build',
        '--filter=@parapet/console',
        '--filter=@parapet/edge',
        '--filter=@parapet/worker',
        '--output-logs=errors-only',
      ],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
    );
    const output = `${build.stdout}${build.stderr}`;
    if (build.status === 0) return;
    if (!output.includes(concurrentBuild) || Date.now() > deadline) {
      process.stderr.write(output);
      throw new Error('Building the console or the edge failed; see the output above.');
    }
    process.stdout.write('Another build of the console is running; waiting for it…\n');
    await new Promise((done) => setTimeout(done, 5_000));
  }
}
