import { z } from 'zod';
import { publicAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** Liveness for load balancers and `docker compose` health checks. Reveals nothing. */
export const GET = defineRoute({
  name: 'health.get',
  method: 'GET',
  access: publicAccess('Liveness probe for load balancers; answers only "ok".'),
  input: z.strictObject({}),
  async run() {
    return { status: 'ok' };
  },
});
