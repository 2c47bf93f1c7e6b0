/**
 * The site-to-site VPN between the AWS VPC and the Azure VNet, planned once for both clouds:
 * which Azure gateway instance each AWS tunnel ends on, and the BGP addresses inside each tunnel.
 * Pure: no constructs. The pattern is Microsoft Learn's "connect AWS and Azure using a
 * BGP-enabled VPN gateway".
 *
 * Why a plan: AWS numbers BGP per tunnel (each tunnel has a /30 inside CIDR; the AWS side takes
 * its first host address, the customer side the second), while Azure numbers BGP per gateway
 * instance (each instance of an active-active gateway owns a list of APIPA addresses, which must
 * lie in 169.254.21.0-169.254.22.255). The two only meet when every tunnel's customer-side
 * address is an APIPA address of the Azure instance the tunnel ends on.
 *
 * How it plans, from two bases (one per tunnel number; each holds one /30 per AWS VPN connection):
 * - AWS VPN connection `k` (k = 0, 1) goes to the public IP of Azure gateway instance `k`
 *   (one AWS customer gateway per Azure instance).
 * - Its tunnel 1 takes the `k`-th /30 of the first base, tunnel 2 the `k`-th /30 of the second.
 * - In each /30 the AWS (virtual private gateway) inside address is `.1` of the block and the
 *   Azure (customer) address `.2` of the block; AWS assigns them so, the plan only mirrors it.
 * - Azure instance `k`'s APIPA addresses are the Azure addresses of its two tunnels.
 * - Each Azure connection (one per tunnel) names a custom BGP address for each gateway instance:
 *   primary (instance 0) and secondary (instance 1), both taken from the tunnel's base. Only
 *   the instance the AWS connection accepts (instance `k`) brings the tunnel up, and its custom
 *   address is the one inside the tunnel's /30; the other instance's IKE is refused by AWS
 *   (wrong customer gateway), so its address is never used, but Azure still requires one.
 *
 * Worked example, the default bases 169.254.21.0/24 and 169.254.22.0/24:
 * ```
 * AWS connection / tunnel  inside CIDR       AWS (.1)       Azure (.2)     Azure connection custom BGP
 * 0 (-> instance 0) / 1    169.254.21.0/30   169.254.21.1   169.254.21.2   primary 169.254.21.2  secondary 169.254.21.6
 * 0 (-> instance 0) / 2    169.254.22.0/30   169.254.22.1   169.254.22.2   primary 169.254.22.2  secondary 169.254.22.6
 * 1 (-> instance 1) / 1    169.254.21.4/30   169.254.21.5   169.254.21.6   primary 169.254.21.2  secondary 169.254.21.6
 * 1 (-> instance 1) / 2    169.254.22.4/30   169.254.22.5   169.254.22.6   primary 169.254.22.2  secondary 169.254.22.6
 *
 * Azure instance 0 (vnetGatewayConfig1) APIPA: 169.254.21.2, 169.254.22.2
 * Azure instance 1 (vnetGatewayConfig2) APIPA: 169.254.21.6, 169.254.22.6
 * ```
 */
import { cidrContains, cidrLastAddress, cidrsOverlap, formatCidr, formatIpv4, parseCidr, type Ipv4Cidr } from './cidr';

/** Azure's APIPA range for custom BGP addresses of VPN gateways: 169.254.21.0-169.254.22.255. */
export const AZURE_APIPA_RANGE = { first: '169.254.21.0', last: '169.254.22.255' } as const;

/** The bases of the Microsoft Learn example. */
export const DEFAULT_APIPA_BASES: readonly [string, string] = ['169.254.21.0/24', '169.254.22.0/24'];

/** Active-active: two gateway instances, hence two AWS VPN connections of two tunnels each. */
export const GATEWAY_INSTANCES = 2;
export const TUNNELS_PER_CONNECTION = 2;

/** AWS and Azure both take /30 inside CIDRs for BGP over IPsec. */
const TUNNEL_PREFIX = 30;

/**
 * The IPsec proposal both sides pin, in cloud-neutral terms; each cloud's construct spells it in
 * its own vocabulary. IKEv2 only; AES-256, SHA-256 and DH group 14 (2048-bit MODP) in both
 * phases, with perfect forward secrecy; lifetimes are AWS's defaults and Azure's IKE SA lifetime.
 */
export const IPSEC_PROPOSAL = {
  ikeVersion: 2,
  encryption: 'aes256',
  integrity: 'sha256',
  dhGroup: 14,
  phase1LifetimeSeconds: 28_800,
  phase2LifetimeSeconds: 3_600,
} as const;

/** One Azure gateway instance: an `ip_configuration` of the active-active gateway. */
export interface GatewayInstancePlan {
  /** Index of the instance: 0 is Azure's primary, 1 the secondary. */
  readonly index: number;
  /** The gateway's `ip_configuration` name, which BGP peering addresses refer to. */
  readonly ipConfigurationName: string;
  /** The instance's custom BGP (APIPA) addresses, one per tunnel that ends on it. */
  readonly apipaAddresses: readonly string[];
}

/** One IPsec tunnel, with its BGP session. */
export interface TunnelPlan {
  /** The AWS VPN connection (0 or 1), equal to the Azure instance the tunnel ends on. */
  readonly connection: number;
  /** The tunnel inside the AWS VPN connection: AWS's `tunnel1_*` or `tunnel2_*`. */
  readonly tunnel: 1 | 2;
  /** The tunnel's /30, AWS's `tunnelN_inside_cidr`. */
  readonly insideCidr: string;
  /** The AWS side's BGP address: `.1` of the block. */
  readonly awsInsideAddress: string;
  /** The Azure side's BGP address: `.2` of the block, an APIPA address of instance `connection`. */
  readonly azureInsideAddress: string;
  /** The Azure connection's `custom_bgp_addresses`: instance 0's (primary) and instance 1's (secondary). */
  readonly customBgpAddresses: { readonly primary: string; readonly secondary: string };
}

export interface VpnPlan {
  readonly instances: readonly GatewayInstancePlan[];
  /** In AWS order: connection 0 tunnels 1 and 2, then connection 1 tunnels 1 and 2. */
  readonly tunnels: readonly TunnelPlan[];
}

/** What one AWS tunnel offers the Azure side, whatever the cloud's attribute names. */
export interface TunnelEndpoint {
  /** The AWS tunnel's public (outside) address, where the Azure gateway connects. */
  readonly outsideAddress: string;
  /** The tunnel's pre-shared key: a Terraform reference to a sensitive attribute, never a literal. */
  readonly presharedKey: string;
}

export interface VpnPlanOptions {
  /**
   * Two blocks inside the APIPA range, one per tunnel number, each with room for one /30 per
   * AWS VPN connection (/29 or larger). Use others than the default to run a second link on a
   * gateway that already peers with these addresses.
   * @default ['169.254.21.0/24', '169.254.22.0/24']
   */
  readonly bases?: readonly [string, string];
}

/** The `ip_configuration` name of Azure gateway instance `index` (0-based). */
export function ipConfigurationName(index: number): string {
  return `vnetGatewayConfig${index + 1}`;
}

function toAddress(text: string): number {
  const parsed = parseCidr(`${text}/32`);
  if (typeof parsed === 'string') throw new Error(`"${text}" ${parsed}`);
  return parsed.network;
}

const APIPA_FIRST = toAddress(AZURE_APIPA_RANGE.first);
const APIPA_LAST = toAddress(AZURE_APIPA_RANGE.last);
const APIPA_RULE = `Azure's APIPA range ${AZURE_APIPA_RANGE.first}-${AZURE_APIPA_RANGE.last}`;

function inApipaRange(cidr: Ipv4Cidr): boolean {
  return cidr.network >= APIPA_FIRST && cidrLastAddress(cidr) <= APIPA_LAST;
}

function parseBase(text: string, which: string): Ipv4Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new Error(`${which} APIPA base "${text}" ${parsed}`);
  // Room for GATEWAY_INSTANCES (two) /30s.
  if (parsed.prefixLength > TUNNEL_PREFIX - 1) {
    throw new Error(
      `${which} APIPA base must be a /29 or larger, to hold one /30 per AWS VPN connection, got "${text}"`,
    );
  }
  if (!inApipaRange(parsed)) throw new Error(`${which} APIPA base must lie in ${APIPA_RULE}, got "${text}"`);
  return parsed;
}

/**
 * Plans the tunnels of the link: two Azure gateway instances, two AWS VPN connections of two
 * tunnels each. Throws when a base is malformed, too small, outside Azure's APIPA range, or
 * overlaps the other base.
 */
export function planVpnTunnels(options: VpnPlanOptions = {}): VpnPlan {
  const [firstText, secondText] = options.bases ?? DEFAULT_APIPA_BASES;
  const bases = [parseBase(firstText, 'first'), parseBase(secondText, 'second')];
  if (cidrsOverlap(bases[0], bases[1])) {
    throw new Error(`APIPA bases must not overlap, got "${firstText}" and "${secondText}"`);
  }

  const blockSize = 2 ** (32 - TUNNEL_PREFIX);
  const tunnels: TunnelPlan[] = [];
  for (let connection = 0; connection < GATEWAY_INSTANCES; connection++) {
    for (let t = 0; t < TUNNELS_PER_CONNECTION; t++) {
      const network = bases[t].network + connection * blockSize;
      const azureAddress = (instance: number) => formatIpv4(bases[t].network + instance * blockSize + 2);
      tunnels.push({
        connection,
        tunnel: (t + 1) as 1 | 2,
        insideCidr: formatCidr({ network, prefixLength: TUNNEL_PREFIX }),
        awsInsideAddress: formatIpv4(network + 1),
        azureInsideAddress: formatIpv4(network + 2),
        customBgpAddresses: { primary: azureAddress(0), secondary: azureAddress(1) },
      });
    }
  }

  const instances = Array.from({ length: GATEWAY_INSTANCES }, (_, index) => ({
    index,
    ipConfigurationName: ipConfigurationName(index),
    apipaAddresses: tunnels.filter((t) => t.connection === index).map((t) => t.azureInsideAddress),
  }));

  assertInApipaRange(tunnels);
  return { instances, tunnels };
}

/** The last line of defence: every block and address the plan hands out lies in the APIPA range. */
function assertInApipaRange(tunnels: readonly TunnelPlan[]): void {
  for (const t of tunnels) {
    const block = parseCidr(t.insideCidr) as Ipv4Cidr;
    const addresses = [
      t.awsInsideAddress,
      t.azureInsideAddress,
      t.customBgpAddresses.primary,
      t.customBgpAddresses.secondary,
    ];
    if (!inApipaRange(block) || addresses.some((a) => !inApipaRange({ network: toAddress(a), prefixLength: 32 }))) {
      throw new Error(`tunnel ${t.connection}/${t.tunnel} (${t.insideCidr}) leaves ${APIPA_RULE}`);
    }
    for (const address of [t.awsInsideAddress, t.azureInsideAddress]) {
      if (!cidrContains(block, { network: toAddress(address), prefixLength: 32 })) {
        throw new Error(`tunnel ${t.connection}/${t.tunnel}: ${address} is not in its inside CIDR ${t.insideCidr}`);
      }
    }
  }
}
