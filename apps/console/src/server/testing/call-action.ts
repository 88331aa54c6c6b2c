import type { PrismaClient } from '@parapet/db';
import { actionDefinitionOf, type ExecutedAction, runAction } from '../entry-points/entry-points';

/**
 * Calls an exported server action the way a form post reaches it, minus Next.js: through its
 * registered definition and the shared executor, for a request from `sessionToken` (or signed
 * out) at `origin`.
 */
export function callAction({
  action,
  db,
  rawInput,
  sessionToken,
  origin = 'http://localhost:3000',
}: {
  action: unknown;
  db: PrismaClient;
  rawInput: Record<string, unknown>;
  sessionToken?: string | undefined;
  origin?: string;
}): Promise<ExecutedAction> {
  const definition = actionDefinitionOf(action);
  if (!definition) throw new Error('Not an action declared with defineAction.');
  return runAction({
    definition,
    db,
    request: { sessionToken, ip: '192.0.2.1', origin, requestId: 'req-1' },
    rawInput,
  });
}
