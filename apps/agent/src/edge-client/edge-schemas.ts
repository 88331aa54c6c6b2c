import { z } from 'zod';

// The edge API's answers as docs/distribution.md ("Edge API") defines them. Objects are loose:
// an edge may add fields without breaking older agents; what the agent reads is checked.

/** A time as the edge writes it: an ISO 8601 string, or seconds since the epoch. */
export const edgeTimeSchema = z
  .union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()])
  .transform((value) => new Date(typeof value === 'number' ? value * 1000 : value).toISOString());

export const edgeErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string().optional() }),
});

export const enrollResponseSchema = z.object({
  device: z.string().min(1),
  org: z.string().min(1),
  issuer: z.string().min(1),
  keySets: z.array(z.string()).min(1),
  accessToken: z.string().min(1),
  accessTokenExpiresAt: edgeTimeSchema,
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

export const challengeResponseSchema = z.object({
  challenge: z.string().min(1),
  expiresAt: edgeTimeSchema,
});

export const tokenResponseSchema = z.object({
  accessToken: z.string().min(1),
  expiresAt: edgeTimeSchema,
});
export type AccessToken = z.infer<typeof tokenResponseSchema>;

export const keysResponseSchema = z.object({ keySets: z.array(z.string()) });

/** The answer of `POST /v1/events` (docs/audit.md, "Ingestion"). */
export const eventsResponseSchema = z.object({
  accepted: z.array(z.string()),
  rejected: z.array(
    z.object({
      index: z.number().int().min(0),
      id: z.string().nullable(),
      reason: z.string(),
      message: z.string(),
    }),
  ),
});
export type EventsResponse = z.infer<typeof eventsResponseSchema>;

export interface DeviceFacts {
  readonly hostname: string;
  readonly os: string;
  readonly agentVersion: string;
}

export interface DeviceStatusReport {
  readonly agentVersion: string;
  readonly activeVer?: number;
  readonly activeEtag?: string;
  readonly lastError: { code: string; message: string; at: string } | null;
  /** Events this device buffered and lost unsent (dropped when full, unreadable on disk). */
  readonly droppedEvents?: number;
}
