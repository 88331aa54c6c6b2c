import { z } from 'zod';

// What an admin configures for a destination (POST /api/v1/destinations and the console form).
// Each type lists its settings; the secret ones (tokens, keys, passwords) are split off, sealed
// at rest and never returned. Which formats a type carries is part of its schema.

// NUL and lone surrogates: Postgres refuses both in text and jsonb, and a lone surrogate would
// change when sealed (UTF-8 has no encoding for it).
const noNul = (value: string) => !value.includes('\u0000') && !/\p{Cs}/u.test(value);
const text = (max: number) =>
  z.string().trim().min(1).max(max).refine(noNul, 'must not contain NUL or broken characters');
// Secrets travel in HTTP headers: a control character would make the client throw an error
// that can quote the header, token included, into a destination's last error. Refuse them.
const secret = (min: number) =>
  z
    .string()
    .min(min, `must be at least ${min} characters`)
    .max(4096)
    .regex(/^\P{Cc}*$/u, 'must not contain control characters');

/** http(s) URL without credentials or a fragment; which hosts and schemes are allowed is checked apart (destination-network.ts). */
export const destinationUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine(noNul, 'must not contain NUL or broken characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        !url.username &&
        !url.password &&
        !url.hash
      );
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials or a fragment');

const base = {
  name: text(120),
  enabled: z.boolean().optional(),
};

export const webhookDestinationSchema = z.strictObject({
  ...base,
  type: z.literal('webhook'),
  format: z.enum(['json', 'ocsf']).default('json'),
  url: destinationUrlSchema,
  /** HMAC-SHA-256 key: X-Parapet-Signature: sha256=<hex HMAC of the raw body>. */
  secret: secret(16),
});

export const splunkHecDestinationSchema = z.strictObject({
  ...base,
  type: z.literal('splunk-hec'),
  format: z.enum(['json', 'ocsf']).default('json'),
  /** The HEC base URL (https://splunk.example.com:8088); /services/collector/event is appended. */
  url: destinationUrlSchema,
  token: secret(1),
  index: text(80).optional(),
  source: text(120).optional(),
  sourcetype: text(120).default('parapet:event'),
});

export const elasticDestinationSchema = z
  .strictObject({
    ...base,
    type: z.literal('elastic'),
    format: z.enum(['ecs', 'ocsf']).default('ecs'),
    /** The cluster's base URL; /_bulk is appended. */
    url: destinationUrlSchema,
    /** An index or data stream name (Elastic's rules: lower case, no \ / * ? " < > | , # or space). */
    index: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[a-z0-9][a-z0-9._+-]*$/, 'must be a lower-case index or data stream name')
      .default('parapet-events'),
    apiKey: secret(1).optional(),
    username: text(200).optional(),
    password: secret(1).optional(),
  })
  .refine(
    (value) =>
      (value.apiKey === undefined) !==
      (value.username === undefined || value.password === undefined),
    'give either apiKey, or username and password',
  );

export const datadogDestinationSchema = z.strictObject({
  ...base,
  type: z.literal('datadog'),
  format: z.enum(['json', 'ocsf']).default('json'),
  /** The logs intake for the account's site; /api/v2/logs is appended. */
  url: destinationUrlSchema.default('https://http-intake.logs.datadoghq.com'),
  apiKey: secret(1),
  service: text(100).default('parapet'),
  ddsource: text(100).default('parapet'),
  // Datadog's ddtags is one comma-separated string: a comma inside a tag would make it two.
  tags: z
    .array(text(200).refine((tag) => !tag.includes(','), 'must not contain a comma'))
    .max(50)
    .default([]),
});

export const syslogDestinationSchema = z.strictObject({
  ...base,
  type: z.literal('syslog'),
  format: z.enum(['cef', 'json', 'ocsf']).default('cef'),
  host: text(253),
  port: z.number().int().min(1).max(65535).default(6514),
  /** RFC 5425 TLS (the server's certificate is always verified) or plain RFC 6587 TCP; both octet-counted. */
  transport: z.enum(['tls', 'tcp']).default('tls'),
  /** PEM certificates to trust for TLS instead of the system's. */
  caPem: z.string().max(65536).refine(noNul).optional(),
  /** RFC 5424 facility number; 13 is "log audit". */
  facility: z.number().int().min(0).max(23).default(13),
  appName: z
    .string()
    .regex(/^[!-~]{1,48}$/, 'must be 1–48 printable ASCII characters')
    .default('parapet'),
});

export const destinationInputSchema = z.discriminatedUnion('type', [
  webhookDestinationSchema,
  splunkHecDestinationSchema,
  elasticDestinationSchema,
  datadogDestinationSchema,
  syslogDestinationSchema,
]);

export type DestinationInput = z.input<typeof destinationInputSchema>;
export type DestinationConfig = z.output<typeof destinationInputSchema>;
export type DestinationType = DestinationConfig['type'];
export type DestinationFormat = DestinationConfig['format'];

/** The secret fields of each type: sealed apart, never returned, kept when an update omits them. */
export const secretFieldsByType = {
  webhook: ['secret'],
  'splunk-hec': ['token'],
  elastic: ['apiKey', 'password'],
  datadog: ['apiKey'],
  syslog: [],
} as const satisfies Record<DestinationType, readonly string[]>;
