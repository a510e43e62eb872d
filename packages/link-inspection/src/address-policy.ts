import ipaddr from 'ipaddr.js';
import type { AddressPolicy } from './link-inspection.types.ts';

/**
 * True only for globally routable unicast addresses. Everything ipaddr.js classifies otherwise is
 * refused: private (10/8, 172.16/12, 192.168/16), loopback, link-local (169.254/16, which holds the
 * cloud metadata service 169.254.169.254, and fe80::/10), unique-local (fc00::/7), carrier-grade NAT
 * (100.64/10), multicast, broadcast, unspecified, reserved and documentation ranges, and every IPv6
 * form that embeds an IPv4 address (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4, Teredo),
 * because the IPv4 inside could be private. Unparseable input is refused.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return false;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return false;
  return parsed.range() === 'unicast';
}

/** The ports of ordinary web links. */
const WEB_PORTS: ReadonlySet<number> = new Set([80, 443]);

/** Public unicast addresses on ports 80 and 443 only. Used unless a test injects another policy. */
export const defaultAddressPolicy: AddressPolicy = {
  allowsAddress: (address) => isPublicAddress(address),
  allowsPort: (port) => WEB_PORTS.has(port),
};
