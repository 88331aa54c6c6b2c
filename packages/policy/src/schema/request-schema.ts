import { z } from 'zod';
import { normalizeHost } from '../syntax/normalize-host';
import { normalizeRequestPath, normalizeRootDirectory } from '../syntax/normalize-request-path';
import { parseIpAddress } from '../syntax/parse-ip-address';
import { parseMcpUrl } from '../syntax/parse-mcp-url';

// These schemas describe requests for people, editors and policy tests. The engine validates
// requests by hand on its hot path (see src/evaluate/); a property test holds the two to the same
// verdicts, so nothing this schema rejects is ever evaluated.

function hostCheck(ctx: { value: string; issues: z.core.$ZodRawIssue[] }) {
  const host = normalizeHost(ctx.value);
  if (host.kind === 'invalid')
    ctx.issues.push({ code: 'custom', message: host.reason, input: ctx.value });
}

const hostSchema = z.string().check(hostCheck);

export const networkRequestSchema = z
  .strictObject({
    surface: z.literal('network'),
    host: hostSchema.optional().meta({ description: 'A host name or an IP literal.' }),
    ip: z
      .string()
      .check((ctx) => {
        if (parseIpAddress(ctx.value) === null) {
          ctx.issues.push({
            code: 'custom',
            message: 'ip must be an IPv4 or IPv6 address',
            input: ctx.value,
          });
        }
      })
      .optional()
      .meta({ description: 'The address the host resolved to, when known.' }),
    port: z.number().int().min(1).max(65535).optional(),
  })
  .check((ctx) => {
    if (ctx.value.host === undefined && ctx.value.ip === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: 'a network request needs host or ip',
        input: ctx.value,
      });
      return;
    }
    const host = ctx.value.host === undefined ? null : normalizeHost(ctx.value.host);
    const ip = ctx.value.ip === undefined ? null : parseIpAddress(ctx.value.ip);
    if (host?.kind === 'address' && ip !== null && !sameAddress(host.address, ip)) {
      ctx.issues.push({
        code: 'custom',
        message: 'host is an IP address that differs from ip',
        input: ctx.value,
      });
    }
  });

function sameAddress(
  left: ReturnType<typeof parseIpAddress>,
  right: ReturnType<typeof parseIpAddress>,
) {
  if (left === null || right === null || left.version !== right.version) return false;
  if (left.version === 4 && right.version === 4) return left.value === right.value;
  if (left.version === 6 && right.version === 6)
    return left.words.every((word, index) => word === right.words[index]);
  return false;
}

export const filesystemRequestSchema = z
  .strictObject({
    surface: z.literal('filesystem'),
    path: z.string(),
    access: z.enum(['read', 'write']),
    home: z.string().optional(),
    workspace: z.string().optional(),
  })
  .check((ctx) => {
    const home =
      ctx.value.home === undefined ? null : normalizeRootDirectory(ctx.value.home, 'home');
    const workspace =
      ctx.value.workspace === undefined
        ? null
        : normalizeRootDirectory(ctx.value.workspace, 'workspace');
    for (const root of [home, workspace]) {
      if (typeof root === 'string')
        ctx.issues.push({ code: 'custom', message: root, input: ctx.value });
    }
    if (typeof home === 'string' || typeof workspace === 'string') return;
    const path = normalizeRequestPath(ctx.value.path, { home, workspace });
    if (typeof path === 'string') {
      ctx.issues.push({ code: 'custom', message: path, input: ctx.value, path: ['path'] });
    }
  });

export const credentialRequestSchema = z.strictObject({
  surface: z.literal('credential'),
  credential: z.string().min(1),
  destination: hostSchema
    .optional()
    .meta({ description: 'The host the credential would be sent to.' }),
});

export const mcpRequestSchema = z
  .strictObject({
    surface: z.literal('mcp'),
    server: z.strictObject({
      url: z
        .string()
        .check((ctx) => {
          const parsed = parseMcpUrl(ctx.value);
          if (!parsed.ok)
            ctx.issues.push({ code: 'custom', message: parsed.message, input: ctx.value });
        })
        .optional(),
      command: z
        .array(z.string().refine((text) => !text.includes('\u0000')))
        .min(1)
        .optional(),
    }),
    tool: z.string().min(1).optional(),
  })
  .check((ctx) => {
    const { url, command } = ctx.value.server;
    if ((url === undefined) === (command === undefined)) {
      ctx.issues.push({
        code: 'custom',
        message: 'server needs exactly one of url and command',
        input: ctx.value,
        path: ['server'],
      });
    }
  });

export const policyRequestSchema = z.discriminatedUnion('surface', [
  networkRequestSchema,
  filesystemRequestSchema,
  credentialRequestSchema,
  mcpRequestSchema,
]);

export type NetworkRequest = z.infer<typeof networkRequestSchema>;
export type FilesystemRequest = z.infer<typeof filesystemRequestSchema>;
export type CredentialRequest = z.infer<typeof credentialRequestSchema>;
export type McpRequest = z.infer<typeof mcpRequestSchema>;
export type PolicyRequest = z.infer<typeof policyRequestSchema>;
