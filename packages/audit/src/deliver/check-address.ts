import ipaddr from 'ipaddr.js';
import {
  builtInDeniedNetworks,
  type DestinationNetworkPolicy,
  type NetworkRange,
} from './destination-network-policy';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

// 64:ff9b::/96 is the well-known NAT64 prefix: on a NAT64 network 64:ff9b::a9fe:a9fe reaches
// 169.254.169.254, so its IPv4 tail is checked like the address it stands for.
const nat64 = ipaddr.parseCIDR('64:ff9b::/96');

/** The IPv4 address an IPv6 address stands for (mapped or NAT64), else the address itself. */
function effectiveAddresses(address: Address): Address[] {
  if (address.kind() === 'ipv4') return [address];
  const ipv6 = address as ipaddr.IPv6;
  if (ipv6.isIPv4MappedAddress()) return [ipv6.toIPv4Address()];
  if (ipv6.match(nat64)) {
    const bytes = ipv6.toByteArray().slice(12);
    return [ipv6, new ipaddr.IPv4(bytes)];
  }
  return [ipv6];
}

function inRange(address: Address, range: NetworkRange): boolean {
  return address.kind() === range.address.kind() && address.match(range.address, range.prefix);
}

function isLoopback(address: Address): boolean {
  return address.range() === 'loopback';
}

/**
 * Whether a destination may connect to `text` (an IP address): refused when it is in a built-in
 * denied range (unless an allowed network inside that range names it), in the operator's denied
 * networks, or outside the allowed networks when those are set. A plain (unencrypted) connection
 * must stay on loopback unless the operator allows insecure transports. Returns the reason for a
 * refusal, or null.
 */
export function checkAddress({
  text,
  policy,
  plain,
}: {
  text: string;
  policy: DestinationNetworkPolicy;
  plain: boolean;
}): string | null {
  if (!ipaddr.isValid(text)) return `${text} is not an IP address`;
  const parsed = ipaddr.parse(text);
  for (const address of effectiveAddresses(parsed)) {
    const builtIn = builtInDeniedNetworks.find((range) => inRange(address, range));
    if (builtIn) {
      const lifted = policy.allowedNetworks?.some(
        (range) => inRange(address, range) && range.prefix >= builtIn.prefix,
      );
      if (!lifted) {
        return `${text} is a link-local, cloud-metadata or unspecified address (${builtIn.text}), which destinations may not reach`;
      }
    }
    const denied = policy.deniedNetworks.find((range) => inRange(address, range));
    if (denied)
      return `${text} is in a denied network (${denied.text}, PARAPET_EXPORT_DENIED_NETWORKS)`;
    if (
      policy.allowedNetworks &&
      !policy.allowedNetworks.some((range) => inRange(address, range))
    ) {
      return `${text} is outside the allowed networks (PARAPET_EXPORT_ALLOWED_NETWORKS)`;
    }
    if (plain && !policy.allowInsecure && !isLoopback(address)) {
      return `${text} is not a loopback address: an unencrypted transport (http://, plain TCP syslog) is allowed only to loopback unless PARAPET_EXPORT_ALLOW_INSECURE=true`;
    }
  }
  return null;
}
