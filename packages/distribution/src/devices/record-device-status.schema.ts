import { z } from 'zod';
import { deviceTextField } from './device-fields';

const maxInt4 = 2_147_483_647;

/** `POST /v1/status`'s body: what the device runs and how it fares. */
export const recordDeviceStatusSchema = z.strictObject({
  agentVersion: deviceTextField({ what: 'agent version', max: 64 }),
  activeVer: z.int().min(0).max(maxInt4).optional(),
  activeEtag: z
    .string()
    .max(100)
    .regex(/^[\x21-\x7e]*$/, 'An ETag is printable ASCII.')
    .optional(),
  lastError: z
    .strictObject({
      code: deviceTextField({ what: 'error code', max: 64 }),
      message: z
        .string()
        .max(1000, 'The error message has at most 1000 characters.')
        .regex(/^[^\p{Cc}\p{Cf}\p{Cs}]*$/u, 'The error message cannot hold control characters.'),
      at: z.iso.datetime({ offset: true }),
    })
    .nullable()
    .optional(),
  droppedEvents: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

export type RecordDeviceStatusInput = z.input<typeof recordDeviceStatusSchema>;
