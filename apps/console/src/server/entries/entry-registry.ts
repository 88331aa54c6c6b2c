/**
 * A registry of declared entry points of one kind (server actions, route handlers): by name,
 * and by the function Next.js calls. defineAction / defineRoute record each declaration here;
 * the isolation tests compare the registry with what the app exports, so an entry point that
 * bypasses the declaration helpers fails the suite.
 */
export function createEntryRegistry<Definition extends { name: string }>(kind: string) {
  const byName = new Map<string, Definition>();
  const byFunction = new WeakMap<object, Definition>();
  return {
    register(entry: object, definition: Definition): void {
      const existing = byName.get(definition.name);
      if (existing && existing !== definition) {
        throw new Error(`Two ${kind}s are named ${definition.name}; ${kind} names must be unique.`);
      }
      byName.set(definition.name, definition);
      byFunction.set(entry, definition);
    },
    /** The definition behind an exported function, if it was declared through the helper. */
    definitionOf(entry: unknown): Definition | undefined {
      return typeof entry === 'function' ? byFunction.get(entry) : undefined;
    },
    all(): Definition[] {
      return [...byName.values()];
    },
  };
}
