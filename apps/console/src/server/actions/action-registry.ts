import type { AnyActionDefinition } from './action-definition';

// Every server action is created by defineAction, which records it here. The isolation test
// reads this registry and also scans every `src/app/**/actions.ts` export, so an action that
// bypasses defineAction (or is not exported where the scan looks) fails the suite.
const byName = new Map<string, AnyActionDefinition>();
const byFunction = new WeakMap<object, AnyActionDefinition>();

export function registerAction(action: object, definition: AnyActionDefinition): void {
  const existing = byName.get(definition.name);
  if (existing && existing !== definition) {
    throw new Error(`Two actions are named ${definition.name}; action names must be unique.`);
  }
  byName.set(definition.name, definition);
  byFunction.set(action, definition);
}

/** The definition behind an exported action function, if it was made by defineAction. */
export function actionDefinitionOf(action: unknown): AnyActionDefinition | undefined {
  return typeof action === 'function' ? byFunction.get(action) : undefined;
}

export function registeredActions(): AnyActionDefinition[] {
  return [...byName.values()];
}
