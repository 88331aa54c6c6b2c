import { deviceStates } from '@parapet/distribution/schemas';
import { z } from 'zod';

// The shapes the admin API's distribution routes answer with (devices, enrollment tokens,
// signing keys), which the OpenAPI document describes. Dates travel as ISO strings.

const personRef = z
  .object({ email: z.string(), active: z.boolean() })
  .nullable()
  .describe('The person the device (or token) belongs to; null for none.');

/** A device as the API answers it. */
export const deviceOutput = z.object({
  id: z.uuid(),
  hostname: z.string(),
  os: z.string(),
  agentVersion: z.string(),
  person: personRef,
  groups: z
    .array(z.string())
    .describe('The policy groups its bundle applies: its person’s (while active) and its own.'),
  deviceGroups: z.array(z.string()).describe('The groups its enrollment token gave it.'),
  activeVer: z
    .number()
    .int()
    .nullable()
    .describe('The bundle generation it last reported running; null before its first report.'),
  lastSeenAt: z.iso.datetime().nullable(),
  state: z
    .enum(deviceStates)
    .describe(
      '`revoked`; else `failing` (its last status has an error); else `current` (it runs the org’s generation) or `stale`.',
    ),
  lastError: z
    .object({ code: z.string(), message: z.string(), at: z.string() })
    .nullable()
    .describe('The error of its last status report, if any.'),
  droppedEvents: z
    .number()
    .int()
    .describe('Audit events it reports having dropped while the edge was unreachable.'),
  statusAt: z.iso.datetime().nullable().describe('When it last reported its status.'),
  enrolledAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

/** An enrollment token as listed: never its secret. */
export const enrollmentTokenOutput = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  prefix: z.string().describe('The token’s first characters, to tell tokens apart.'),
  person: personRef,
  groups: z.array(z.string()).describe('Policy groups its devices get on top of their person’s.'),
  reusable: z.boolean(),
  expiresAt: z.iso.datetime(),
  uses: z.number().int(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable().describe('The email of the member who created it.'),
  state: z.enum(['active', 'used', 'expired', 'revoked']),
});

/** A new enrollment token: the only answer that holds the token, with what to run. */
export const createdEnrollmentTokenOutput = enrollmentTokenOutput.extend({
  token: z.string().describe('`pet_…`: hand it to the device now, it is never shown again.'),
  server: z.string().describe('The edge API’s address the device enrolls with.'),
  command: z.string().describe('`parapet-agent enroll --server … --token …`, ready to run.'),
});

/** The org's signing keys (public parts only) and its key-set chain, newest first. */
export const signingKeysOutput = z.object({
  keys: z.array(
    z.object({
      kid: z.string().describe('RFC 7638 thumbprint of the public key.'),
      state: z
        .enum(['active', 'retiring', 'retired'])
        .describe('`active` signs; `retiring` still signs until retired; `retired` signs nothing.'),
      createdAt: z.iso.datetime(),
      retiredAt: z.iso.datetime().nullable(),
      publicJwk: z
        .object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() })
        .loose(),
    }),
  ),
  keySets: z.array(
    z.object({
      version: z.number().int(),
      createdAt: z.iso.datetime(),
      kids: z.array(z.string()),
    }),
  ),
  currentKeySetVersion: z.number().int(),
});
