import ipaddr from 'ipaddr.js';
import { z } from 'zod';

// Which addresses a destination may reach: the operator's answer to destination URLs being an
// SSRF surface. Parsed once from the environment; checked on every resolved address, at save
// time and again at every connection.

export type NetworkRange = { text: string; address: ipaddr.IPv4 | ipaddr.IPv6; prefix: number };

export type DestinationNetworkPolicy = {
  /** When set, only addresses inside these networks may be reached. */
  allowedNetworks: readonly NetworkRange[] | null;
  /** Refused on top of the built-in ranges (link-local, cloud metadata, unspecified). */
  deniedNetworks: readonly NetworkRange[];
  /** Plain `http://` and plain TCP syslog beyond loopback. */
  allowInsecure: boolean;
};

/**
 * Always refused unless an allowed network inside them names the address: link-local (where
 * every cloud's instance metadata lives), the metadata addresses clouds use elsewhere, and the
 * unspecified addresses, which Linux connects to the local host.
 */
export const builtInDeniedNetworks: readonly NetworkRange[] = [
  '169.254.0.0/16',
  'fe80::/10',
  '0.0.0.0/8',
  '::/128',
  // Alibaba Cloud's metadata service.
  '100.100.100.200/32',
  // AWS's instance metadata over IPv6.
  'fd00:ec2::254/128',
  // Azure's WireServer, reachable from every Azure VM.
  '168.63.129.16/32',
].map((text) => parseRange(text));

function parseRange(text: string): NetworkRange {
  const [address, prefix] = text.includes('/')
    ? ipaddr.parseCIDR(text)
    : (() => {
        const parsed = ipaddr.parse(text);
        return [parsed, parsed.kind() === 'ipv4' ? 32 : 128] as const;
      })();
  return { text, address, prefix };
}

const networkList = (name: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === '') return undefined;
      const ranges: NetworkRange[] = [];
      for (const entry of value.split(/[\s,]+/).filter((part) => part !== '')) {
        try {
          ranges.push(parseRange(entry));
        } catch {
          context.addIssue({
            code: 'custom',
            message: `${name}: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8, fd00::/8).`,
          });
          return z.NEVER;
        }
      }
      return ranges;
    });

const booleanFlag = (name: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === '') return false;
      if (['true', '1'].includes(value.toLowerCase())) return true;
      if (['false', '0'].includes(value.toLowerCase())) return false;
      context.addIssue({ code: 'custom', message: `${name} must be true or false.` });
      return z.NEVER;
    });

const policyEnvSchema = z.object({
  PARAPET_EXPORT_ALLOWED_NETWORKS: networkList('PARAPET_EXPORT_ALLOWED_NETWORKS'),
  PARAPET_EXPORT_DENIED_NETWORKS: networkList('PARAPET_EXPORT_DENIED_NETWORKS'),
  PARAPET_EXPORT_ALLOW_INSECURE: booleanFlag('PARAPET_EXPORT_ALLOW_INSECURE'),
});

/** The operator's network settings for destinations; throws one message naming every problem. */
export function parseDestinationNetworkPolicy(
  env: Record<string, string | undefined>,
): DestinationNetworkPolicy {
  const result = policyEnvSchema.safeParse({
    PARAPET_EXPORT_ALLOWED_NETWORKS: env.PARAPET_EXPORT_ALLOWED_NETWORKS,
    PARAPET_EXPORT_DENIED_NETWORKS: env.PARAPET_EXPORT_DENIED_NETWORKS,
    PARAPET_EXPORT_ALLOW_INSECURE: env.PARAPET_EXPORT_ALLOW_INSECURE,
  });
  if (!result.success) {
    throw new Error(
      `Invalid export network settings: ${result.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  return {
    allowedNetworks: result.data.PARAPET_EXPORT_ALLOWED_NETWORKS ?? null,
    deniedNetworks: result.data.PARAPET_EXPORT_DENIED_NETWORKS ?? [],
    allowInsecure: result.data.PARAPET_EXPORT_ALLOW_INSECURE,
  };
}
