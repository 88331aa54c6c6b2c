import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type EntryPoint,
  type ScannedExport,
  scanActionModules,
  scanRouteModules,
} from './entry-points';
import { findServerDirectives } from './find-server-directives';

const srcDir = fileURLToPath(new URL('../..', import.meta.url));

export type ScannedEntryPoints = {
  /** Every export of every module with a file-level 'use server' directive. */
  actionExports: ScannedExport[];
  /** Every HTTP method exported by a `route.ts` under src/app. */
  routeExports: ScannedExport[];
  /** The declared entry points behind those exports. */
  entryPoints: EntryPoint[];
  /** `file:line` of each inline 'use server' function: an action no registry can see. */
  inlineActions: string[];
};

/**
 * Finds every way into the console that Next.js serves: each file under src/ whose source
 * declares server actions (file-level directive, whatever the file is called), and each
 * route.ts. Their modules are imported, so their exports can be matched with the registry.
 */
export async function scanEntryPoints(): Promise<ScannedEntryPoints> {
  const actionModules: Record<string, Record<string, unknown>> = {};
  const routeModules: Record<string, Record<string, unknown>> = {};
  const inlineActions: string[] = [];
  for (const path of await listSources(srcDir)) {
    const file = relative(srcDir, path);
    const directives = findServerDirectives({
      fileName: path,
      source: await readFile(path, 'utf8'),
    });
    for (const line of directives.inlineLines) inlineActions.push(`${file}:${line}`);
    if (directives.fileLevel) actionModules[file] = await import(/* @vite-ignore */ path);
    if (/^app\/(.+\/)?route\.ts$/.test(file)) {
      routeModules[file] = await import(/* @vite-ignore */ path);
    }
  }
  const actionExports = scanActionModules(actionModules);
  const routeExports = scanRouteModules(routeModules);
  const entryPoints = [...actionExports, ...routeExports].flatMap((scanned) =>
    scanned.entryPoint ? [scanned.entryPoint] : [],
  );
  return { actionExports, routeExports, entryPoints, inlineActions };
}

async function listSources(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .filter((entry) => !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
