import { verifyDeviceChain, verifyDeviceChainSchema } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * Walks the device's stored events in seq order, rehashing each body, and reports the first
 * problem (an edited body, a break, a gap, a fork) and how many of each there are.
 */
export const POST = defineRoute({
  name: 'audit.chains.verify',
  method: 'POST',
  access: apiAccess('auditor'),
  input: verifyDeviceChainSchema,
  api: {
    path: '/api/v1/audit/chains/{device}/verify',
    summary: 'Verify a device’s stored event chain by rehashing every event',
    output: z
      .object({
        outcome: z.enum(['intact', 'problems']),
        checked: z.number(),
        firstProblem: z.object({ kind: z.string(), seq: z.number() }).loose().nullable(),
      })
      .loose(),
  },
  async run({ input, caller }) {
    return verifyDeviceChain({ pool: getPgPool(), actor: caller.actor, input });
  },
});
