// Bundles a Node service of this workspace (the edge, the worker) into one file,
// apps/<name>/dist/<name>.mjs, so the process runs on plain Node: no tsx loader (its worker
// thread and its transpile cache cost ~35 MB resident) and no TypeScript compiled at start. The
// workspace packages (@parapet/*) are TypeScript sources, so they are bundled in; npm packages
// stay outside, imported from node_modules as they are installed. An npm package a workspace
// package uses is often not resolvable from the app's folder under pnpm's strict layout
// (@prisma/adapter-pg is @parapet/db's, not the app's), so each one is imported by the path
// esbuild resolved from its importer, relative to dist/: the same file Node would have loaded,
// wherever the repository is checked out.
import { dirname, relative, resolve } from 'node:path';

/**
 * Builds `<appDir>/src/main.ts` into `<appDir>/dist/<name>.mjs` with esbuild's `build`, which the
 * app passes in: esbuild is the app's devDependency, not resolvable from this folder.
 */
export async function bundleNodeApp({ appDir, name, build }) {
  const outfile = resolve(appDir, `dist/${name}.mjs`);

  /** @type {import('esbuild').Plugin} */
  const npmPackagesOutside = {
    name: 'npm-packages-outside',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith('@parapet/') || args.pluginData === 'resolving') return undefined;
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        const resolved = await builder.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'resolving',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        // Node's own modules without the prefix (`fs`, `path`) resolve to themselves.
        if (resolved.external) return { path: args.path, external: true };
        const fromDist = relative(dirname(outfile), resolved.path).split('\\').join('/');
        return { path: fromDist.startsWith('.') ? fromDist : `./${fromDist}`, external: true };
      });
    },
  };

  await build({
    entryPoints: [resolve(appDir, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // Errors name the source file and line, not the bundle's.
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [npmPackagesOutside],
  });
}
