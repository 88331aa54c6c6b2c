import { z } from 'zod';

// The wire shape of one audit event (docs/audit.md, PROTOCOL "Audit events"). Objects are
// strict: an event is one decision, never a prompt, a file's content, a tool's arguments or a
// secret's value, so a field we do not know is refused instead of stored and forwarded.

const noNul = (value: string) => !value.includes('\u0000');
const text = (max: number) => z.string().min(1).max(max).refine(noNul, 'must not contain NUL');

/** Lower-case UUIDv7, as made on the device: its first 48 bits are the time it was made. */
export const uuidV7Schema = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'must be a lower-case UUIDv7',
  );

export const sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

/** RFC 3339 UTC with milliseconds, the only form `time` takes: 2026-05-12T09:30:00.123Z. */
export const eventTimeSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    'must be UTC with milliseconds, like 2026-05-12T09:30:00.123Z',
  )
  .refine(
    (value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value,
    'is not a real instant',
  );

export const surfaces = ['network', 'filesystem', 'credential', 'mcp'] as const;
export const decisions = ['allow', 'deny', 'ask'] as const;
export const modes = ['enforce', 'audit'] as const;

/** Which actions each surface has (the policy language's requests, docs/policy-language.md). */
export const actionsBySurface = {
  network: ['connect'],
  filesystem: ['read', 'write'],
  credential: ['lease'],
  mcp: ['register', 'invoke'],
} as const satisfies Record<(typeof surfaces)[number], readonly string[]>;

export const networkResourceSchema = z.strictObject({
  host: text(253),
  port: z.number().int().min(1).max(65535).optional(),
  /** The address the host resolved to, when the enforcement point resolved it. */
  ip: text(45).optional(),
});
export const filesystemResourceSchema = z.strictObject({ path: text(4096) });
export const credentialResourceSchema = z.strictObject({
  credential: text(200),
  destination: text(253).optional(),
});
export const mcpResourceSchema = z.strictObject({
  /** What runs: the server's URL, or its command line joined by spaces. */
  server: text(2048),
  tool: text(200).optional(),
});

const resourceSchemaBySurface = {
  network: networkResourceSchema,
  filesystem: filesystemResourceSchema,
  credential: credentialResourceSchema,
  mcp: mcpResourceSchema,
} as const;

export const auditEventSchema = z
  .strictObject({
    id: uuidV7Schema,
    time: eventTimeSchema,
    device: z.uuid(),
    /** The device's claim of its user; the server stores its own fact (the device's person). */
    user: text(200).nullable().optional(),
    session: z.strictObject({ id: text(128), agent: text(64).optional() }).optional(),
    surface: z.enum(surfaces),
    action: z.enum(['connect', 'read', 'write', 'lease', 'register', 'invoke']),
    resource: z.record(z.string(), z.unknown()),
    decision: z.enum(decisions),
    mode: z.enum(modes),
    /** The rule that decided; `id` is null for the default deny (layer "default"). */
    rule: z
      .strictObject({ id: text(200).nullable(), layer: text(200) })
      .nullable()
      .optional(),
    /** The bundle `ver` the decision was made under. */
    ver: z.number().int().min(0).max(2_147_483_647).nullable().optional(),
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** sha256 of this device's previous event (hashAuditEvent); 64 zeros before the first. */
    prev: sha256HexSchema,
  })
  .superRefine((event, context) => {
    const actions: readonly string[] = actionsBySurface[event.surface];
    if (!actions.includes(event.action)) {
      context.addIssue({
        code: 'custom',
        path: ['action'],
        message: `${event.surface} events have action ${actions.join(' or ')}`,
      });
    }
    const resource = resourceSchemaBySurface[event.surface].safeParse(event.resource);
    if (!resource.success) {
      for (const issue of resource.error.issues) {
        context.addIssue({
          code: 'custom',
          path: ['resource', ...issue.path],
          message: issue.message,
        });
      }
    }
  });

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type Surface = AuditEvent['surface'];
export type DecisionValue = AuditEvent['decision'];
export type Mode = AuditEvent['mode'];

/** The `prev` of a device's first event. */
export const GENESIS_PREV = '0'.repeat(64);
