import { createEntryRegistry } from '../entries/entry-registry';
import type { AnyActionDefinition } from './action-definition';

// Every server action is created by defineAction, which records it here.
const actions = createEntryRegistry<AnyActionDefinition>('action');

export const registerAction = actions.register;
export const actionDefinitionOf = actions.definitionOf;
export const registeredActions = actions.all;
