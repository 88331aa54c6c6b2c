import { z } from 'zod';
import { publicAccess } from '@/server/actions/access';
import { defineRoute } from '@/server/routes/define-route';

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
