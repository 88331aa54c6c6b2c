import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { createEngineAdapter } from './create-engine-adapter';

// The package's own entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which
// Node 20 cannot load (WebAssembly ES modules are still behind a flag). So the .wasm file is
// compiled here by hand and handed to the wasm-bindgen glue, exactly as that entry point would.
let instantiated: Promise<void> | undefined;

// The workspace compiles against ES2023 without DOM types, so the few WebAssembly members used
// here are described locally.
type WasmBindgenExports = Record<string, unknown> & { __wbindgen_start: () => void };
type WebAssemblyApi = {
  instantiate: (
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ) => Promise<{ instance: { exports: WasmBindgenExports } }>;
};
const { WebAssembly: webAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

// A Rust panic inside the engine reports its message through this global before it traps;
// without it the process would crash on an undefined property instead of saying what failed.
let lastPanic: string | undefined;
const panicRegistry = globalThis as typeof globalThis & {
  PRISMA_WASM_PANIC_REGISTRY?: { set_message: (message: string) => void };
};

async function instantiateSchemaEngineWasm(): Promise<void> {
  panicRegistry.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message) => {
      lastPanic = message;
    },
  };
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@prisma/schema-engine-wasm'));
  const bytes = await readFile(join(packageDir, 'schema_engine_bg.wasm'));
  const { instance } = await webAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
}

export type LoadSchemaEngineOptions = {
  /** The database the engine works against; shadow databases are created on its server. */
  databaseUrl: string;
  /** Receives the engine's log lines; silent by default. */
  onLog?: (line: string) => void;
};

export type LoadedSchemaEngine = {
  engine: SchemaEngine;
  close: () => Promise<void>;
  /** Replaces the engine's "External error id#N" with the JavaScript error it stands for. */
  explainError: (error: unknown) => Error;
};

/**
 * Loads Prisma's schema engine (WebAssembly build) over a node-postgres driver adapter. Used by
 * development scripts and tests only: authoring migrations and proving there is no drift.
 */
export async function loadSchemaEngine({
  databaseUrl,
  onLog,
}: LoadSchemaEngineOptions): Promise<LoadedSchemaEngine> {
  instantiated ??= instantiateSchemaEngineWasm();
  await instantiated;
  const adapter = createEngineAdapter({ databaseUrl });
  const bound = bindMigrationAwareSqlAdapterFactory(adapter.factory);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: undefined },
    (line: string) => onLog?.(line),
    bound,
  );
  return {
    engine,
    explainError: (error) => explainEngineError({ error, registry: bound.errorRegistry }),
    close: async () => {
      engine.free();
      await adapter.close();
    },
  };
}

/**
 * Errors thrown inside the adapter (a failed query in a shadow database, say) reach the engine
 * as numbers; the real error waits in the adapter's registry.
 */
function explainEngineError({
  error,
  registry,
}: {
  error: unknown;
  registry: { consumeError: (id: number) => { error: unknown } | undefined };
}): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (lastPanic !== undefined && /unreachable|RuntimeError/i.test(message)) {
    const panic = lastPanic;
    lastPanic = undefined;
    return new Error(`Schema engine panicked: ${panic}`, { cause: error });
  }
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (original === undefined) return error instanceof Error ? error : new Error(message);
  const detail = original instanceof Error ? original.message : String(original);
  return new Error(`${message.split('\n')[0]}: ${detail}`, { cause: original });
}
