/**
 * The subnet planner: carves a region's network CIDR into role-based subnets, the same way for
 * both clouds.
 *
 * How it carves:
 * - A layout is an ordered list of roles. Each role is either zonal (one subnet per zone) or
 *   regional (one subnet), and sized relative to the network (`newBits`), never smaller than the
 *   cloud's smallest subnet.
 * - Roles are placed in layout order, each block at the next address aligned to its size (like
 *   Terraform's `cidrsubnets`). A zonal role always reserves {@link MAX_ZONES} slots, used or not.
 * - So the plan is deterministic, appending a role never moves an existing subnet, and adding a
 *   zone (up to three) fills a reserved slot instead of renumbering the next role.
 *
 * Worked example, AWS layout, 10.110.0.0/16 with zones a, b, c:
 * ```
 * nodes      /18 x3  10.110.0.0/18    10.110.64.0/18   10.110.128.0/18
 * public     /24 x3  10.110.192.0/24  10.110.193.0/24  10.110.194.0/24
 * intra      /26 x3  10.110.195.0/26  10.110.195.64/26 10.110.195.128/26
 * endpoints  /26 x3  10.110.195.192/26 10.110.196.0/26 10.110.196.64/26
 * ```
 * and the Azure layout for 10.120.0.0/16:
 * ```
 * aks-gpu            /18  10.120.0.0/18
 * aks-system         /20  10.120.64.0/20
 * private-endpoints  /24  10.120.80.0/24
 * GatewaySubnet      /26  10.120.81.0/26
 * aks-apiserver      /28  10.120.81.64/28
 * deploy-runners     /27  10.120.81.96/27
 * ```
 * GPU nodes draw from a /18 on both clouds (one per zone on AWS, whose subnets are zonal; one
 * for all zones on Azure, whose subnets are regional), so node-subnet capacity matches.
 */
import { cidrSize, formatCidr, mustParseCidr, prefixMask, type Ipv4Cidr } from './cidr';

/** Zonal roles reserve this many slots, so zones can be added without renumbering. */
export const MAX_ZONES = 3;

/** Both clouds reserve five addresses in every subnet (network, gateway, two DNS, broadcast). */
export const RESERVED_ADDRESSES_PER_SUBNET = 5;

/** Node subnets are this many bits longer than the network on both clouds: a quarter of it. */
export const NODE_SUBNET_NEW_BITS = 2;

/** One role of a layout. */
export interface SubnetRole {
  /** The role's name, also the Azure subnet name (`GatewaySubnet` must be spelled so). */
  readonly name: string;
  /** One subnet per zone (AWS subnets are zonal) or one for the region. */
  readonly zonal: boolean;
  /** Bits added to the network's prefix length. */
  readonly newBits: number;
  /** The role's own smallest size, when stricter than the layout's. Default: the layout's `smallestPrefix`. */
  readonly smallestPrefix?: number;
  /** Whether nodes of the cluster live here (counted as node capacity). */
  readonly nodes?: boolean;
}

/** A cloud's subnet layout and its limits. */
export interface SubnetLayout {
  readonly roles: readonly SubnetRole[];
  /** The longest prefix the cloud accepts for a subnet (its smallest subnet). */
  readonly smallestPrefix: number;
}

/** AWS: zonal subnets. Role order is part of the address plan: append, never reorder. */
export const AWS_SUBNET_LAYOUT: SubnetLayout = {
  smallestPrefix: 28,
  roles: [
    { name: 'nodes', zonal: true, newBits: NODE_SUBNET_NEW_BITS, nodes: true },
    { name: 'public', zonal: true, newBits: 8 },
    { name: 'intra', zonal: true, newBits: 10 },
    { name: 'endpoints', zonal: true, newBits: 10 },
  ],
};

/** Azure: regional subnets. Role order is part of the address plan: append, never reorder. */
export const AZURE_SUBNET_LAYOUT: SubnetLayout = {
  smallestPrefix: 29,
  roles: [
    { name: 'aks-gpu', zonal: false, newBits: NODE_SUBNET_NEW_BITS, nodes: true },
    // The system pool's handful of nodes; a /24 keeps room for surge upgrades.
    { name: 'aks-system', zonal: false, newBits: 4, smallestPrefix: 24 },
    { name: 'private-endpoints', zonal: false, newBits: 8, smallestPrefix: 27 },
    // Azure requires at least a /27 for a VPN gateway; active-active with BGP wants room to grow.
    { name: 'GatewaySubnet', zonal: false, newBits: 10, smallestPrefix: 27 },
    // AKS API server VNet integration (delegated): lets KMS reach a private Key Vault.
    { name: 'aks-apiserver', zonal: false, newBits: 12, smallestPrefix: 28 },
    // Deploy runners (container groups) inside the VNet: they reach the private Key Vault and
    // storage endpoints that `cdktf deploy` writes keys to after the first deploy.
    { name: 'deploy-runners', zonal: false, newBits: 11, smallestPrefix: 27 },
  ],
};

/** One planned subnet. */
export interface PlannedSubnet {
  readonly role: string;
  /** The zone for zonal roles; undefined for regional ones. */
  readonly zone?: string;
  readonly cidr: string;
  /** Addresses a workload can use: the block less the cloud's reserved ones. */
  readonly usableAddresses: number;
}

/** The plan of one network, or the reasons it cannot be carved. */
export type SubnetPlanResult =
  | { readonly ok: true; readonly subnets: readonly PlannedSubnet[] }
  | { readonly ok: false; readonly problems: readonly string[] };

function alignUp(address: number, size: number): number {
  return Math.ceil(address / size) * size;
}

/**
 * Carves `networkCidr` for `zones` (1 to {@link MAX_ZONES}) by `layout`. Never throws on a
 * network that is too small: it returns every reason, for config validation to report.
 */
export function planSubnets(networkCidr: string, zones: readonly string[], layout: SubnetLayout): SubnetPlanResult {
  const network = mustParseCidr(networkCidr);
  const problems: string[] = [];
  if (zones.length < 1 || zones.length > MAX_ZONES) problems.push(`needs 1 to ${MAX_ZONES} zones, got ${zones.length}`);
  const end = network.network + cidrSize(network);
  const subnets: PlannedSubnet[] = [];
  let next = network.network;
  for (const role of layout.roles) {
    const prefixLength = Math.min(network.prefixLength + role.newBits, role.smallestPrefix ?? layout.smallestPrefix);
    const size = 2 ** (32 - prefixLength);
    const slots = role.zonal ? MAX_ZONES : 1;
    for (let slot = 0; slot < slots; slot++) {
      const start = alignUp(next, size);
      next = start + size;
      if (role.zonal && slot >= zones.length) continue;
      const block: Ipv4Cidr = { network: start, prefixLength };
      subnets.push({
        role: role.name,
        zone: role.zonal ? zones[slot] : undefined,
        cidr: formatCidr(block),
        usableAddresses: size - RESERVED_ADDRESSES_PER_SUBNET,
      });
    }
  }
  if (next > end) {
    const needed = minimumPrefixFor(layout, network.prefixLength);
    problems.push(
      `is too small for its subnets: the ${layout.roles.map((r) => r.name).join(', ')} subnets need ` +
        `${next - network.network} addresses, the network has ${cidrSize(network)}` +
        (needed === undefined ? '' : `; use a /${needed} or larger`),
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, subnets };
}

/** The longest network prefix whose plan fits, for the error message. */
function minimumPrefixFor(layout: SubnetLayout, fromPrefix: number): number | undefined {
  for (let prefix = fromPrefix - 1; prefix >= 8; prefix--) {
    const probe = formatCidr({ network: 0x0a000000 & prefixMask(prefix), prefixLength: prefix });
    const zones = Array.from({ length: MAX_ZONES }, (_, i) => String(i + 1));
    if (planSubnets(probe, zones, layout).ok) return prefix;
  }
  return undefined;
}

/** Like {@link planSubnets} for a network config validation has passed; throws otherwise. */
export function mustPlanSubnets(networkCidr: string, zones: readonly string[], layout: SubnetLayout): PlannedSubnet[] {
  const plan = planSubnets(networkCidr, zones, layout);
  if (!plan.ok) throw new Error(`${networkCidr}: ${plan.problems.join('; ')}`);
  return [...plan.subnets];
}

/** The subnets of one role, in zone order. */
export function subnetsOf(plan: readonly PlannedSubnet[], role: string): PlannedSubnet[] {
  return plan.filter((s) => s.role === role);
}

/**
 * Usable addresses a GPU node can draw from wherever it lands: the node subnet of its zone on
 * AWS, the regional node subnet on Azure. Equal on both clouds for the same network size.
 */
export function nodeSubnetCapacity(plan: readonly PlannedSubnet[], layout: SubnetLayout): number {
  const nodeRoles = new Set(layout.roles.filter((r) => r.nodes).map((r) => r.name));
  return Math.min(...plan.filter((s) => nodeRoles.has(s.role)).map((s) => s.usableAddresses));
}
