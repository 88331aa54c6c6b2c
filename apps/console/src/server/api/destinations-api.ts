import { z } from 'zod';

// The shapes the admin API's SIEM destination routes answer with, which the OpenAPI document
// describes. Never a secret: only whether one is kept and its last characters.

/** A destination as listed: its settings without secrets, its export state and its lag. */
export const destinationOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(['webhook', 'splunk-hec', 'elastic', 'datadog', 'syslog']),
  format: z.enum(['json', 'ocsf', 'cef', 'ecs']),
  enabled: z.boolean(),
  settings: z
    .record(z.string(), z.unknown())
    .describe('The type’s settings (url, index, host…) without its secret ones.'),
  hasSecret: z.boolean().describe('Whether a secret (token, key, password) is kept, sealed.'),
  secretHint: z
    .string()
    .nullable()
    .describe('The secret’s last four characters, when it is long enough for that to be safe.'),
  state: z
    .enum(['ok', 'failing'])
    .describe('`failing` after a sustained failure to deliver; its backlog is kept.'),
  lastError: z.string().nullable(),
  lastErrorAt: z.iso.datetime().nullable(),
  failingSince: z.iso.datetime().nullable(),
  lastSuccessAt: z.iso.datetime().nullable(),
  exportedEvents: z.number().int().describe('Events delivered to it so far.'),
  lagSeconds: z
    .number()
    .int()
    .describe('How long the oldest stored event not yet delivered has waited; 0 when none.'),
  backlog: z.number().int().describe('Stored events not yet delivered (counted up to a cap).'),
  backlogCapped: z.boolean().describe('The backlog is at least the cap (1,000,000).'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** How a test delivery went: a refusal by the receiver is an answer, not an error. */
export const testEventOutput = z.object({
  delivered: z.boolean(),
  status: z.number().int().optional().describe('The receiver’s HTTP status, when it answered.'),
  error: z.string().optional().describe('Why it was not delivered.'),
  durationMs: z.number().int(),
});
