import { fixedLayerDraftRoutes } from '@/server/api/fixed-layer-draft-routes';

/** The baseline draft: read by any member or key, saved by admins and owners. */
const routes = fixedLayerDraftRoutes({
  layer: 'baseline',
  routeName: 'Baseline',
  saveRole: 'admin',
});

export const GET = routes.GET;
export const PUT = routes.PUT;
