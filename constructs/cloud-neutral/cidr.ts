/**
 * IPv4 CIDR arithmetic: parsing, containment and overlap. Pure functions, no dependencies, so
 * config validation and the subnet planner share one implementation.
 */

/** A parsed IPv4 CIDR block. `network` is the first address as an unsigned 32-bit integer. */
export interface Ipv4Cidr {
  readonly network: number;
  readonly prefixLength: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n`. Returns a reason string instead of a block when the text is not a
 * canonical CIDR (host bits set count as an error: `10.0.0.1/16` is almost always a typo).
 */
export function parseCidr(text: string): Ipv4Cidr | string {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return 'is not an IPv4 CIDR (expected a.b.c.d/n)';
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return 'has an octet above 255';
  const prefixLength = Number(match[5]);
  if (prefixLength > 32) return 'has a prefix length above 32';
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const network = (address & prefixMask(prefixLength)) >>> 0;
  if (network !== address) return `has host bits set (did you mean ${formatCidr({ network, prefixLength })}?)`;
  return { network, prefixLength };
}

/** Like {@link parseCidr} for text already validated; throws on bad input. */
export function mustParseCidr(text: string): Ipv4Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new Error(`"${text}" ${parsed}`);
  return parsed;
}

export function prefixMask(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export function cidrSize(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefixLength);
}

export function cidrLastAddress(cidr: Ipv4Cidr): number {
  return cidr.network + cidrSize(cidr) - 1;
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network <= cidrLastAddress(b) && b.network <= cidrLastAddress(a);
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.network >= outer.network && cidrLastAddress(inner) <= cidrLastAddress(outer);
}
