import { fixedLayerDraftRoutes } from '@/server/api/fixed-layer-draft-routes';

/** The guardrails draft: read by any member or key, saved by owners only. */
const routes = fixedLayerDraftRoutes({
  layer: 'guardrails',
  routeName: 'Guardrails',
  saveRole: 'owner',
});

export const GET = routes.GET;
export const PUT = routes.PUT;
