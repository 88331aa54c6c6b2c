import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace root: the nearest ancestor of `from` that holds pnpm-workspace.yaml. */
export function findRepoRoot(from: string): string {
  let directory = from;
  for (;;) {
    if (existsSync(join(directory, 'pnpm-workspace.yaml'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`No pnpm-workspace.yaml above ${from}.`);
    directory = parent;
  }
}
