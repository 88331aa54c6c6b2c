import type { PrismaClient } from '@parapet/db';
import type { z } from 'zod';
import type { Access } from './access';
import type { RequestContext } from './request-context';
import type { CallerFor } from './resolve-caller';

/** Side effects an action asks the web layer to apply after it succeeded. */
export type ActionEffects = {
  /** Set the session cookie (sign-in) or clear it (sign-out). */
  session?: { token: string; expires: Date } | 'clear';
  /** Navigate here afterwards. */
  redirectTo?: string;
};

export type ActionOutcome<Data> = ActionEffects & {
  data: Data;
  message?: string;
};

export type ActionRunContext<A extends Access, Input> = {
  input: Input;
  caller: CallerFor<A>;
  db: PrismaClient;
  request: RequestContext;
};

/**
 * An action as declared: a name (unique, `area.verb`), who may call it, the zod schema its
 * input must satisfy (besides `orgId`, which member actions take separately), and `run`, which
 * calls exactly one domain function and says what to show or do next.
 */
export type ActionDefinition<A extends Access, Schema extends z.ZodType, Data> = {
  name: string;
  access: A;
  input: Schema;
  run: (context: ActionRunContext<A, z.output<Schema>>) => Promise<ActionOutcome<Data>>;
};

// The erased form the registry and the isolation test work with.
// biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of every input type.
export type AnyActionDefinition = ActionDefinition<Access, z.ZodType, any>;
