import { recordDeviceStatus } from '@parapet/distribution';
import { recordDeviceStatusSchema } from '@parapet/distribution/schemas';
import type { FastifyInstance } from 'fastify';
import type { Edge } from '../edge';
import { requireDevice } from '../http/device-auth';
import { parseBody } from '../http/parse-body';
import type { RouteSpec } from '../http/route-spec';

export { recordDeviceStatusSchema };

export const statusRoute: RouteSpec = {
  method: 'POST',
  path: '/v1/status',
  operationId: 'recordDeviceStatus',
  summary:
    'What the device runs: its active bundle `ver` and ETag, its last error, its agent version and dropped-event count.',
  auth: 'bearer',
  body: recordDeviceStatusSchema,
  responses: { 204: { description: 'Recorded.' } },
  errors: [400, 401, 403, 413, 415],
};

export function registerStatusRoute(app: FastifyInstance, edge: Edge): void {
  app.post(statusRoute.path, async (request, reply) => {
    // Authorization comes first, so a refused caller learns nothing from validation.
    const device = await requireDevice(edge, request, reply);
    if (device === undefined) return reply;
    const input = parseBody(edge, recordDeviceStatusSchema, request, reply);
    if (input === undefined) return reply;
    await recordDeviceStatus({ db: edge.db, deviceId: device.device, input });
    return reply.code(204).send();
  });
}
