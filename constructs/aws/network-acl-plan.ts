/**
 * The network ACL rules of each subnet tier of a VPC. Pure. NACLs are stateless: every flow a
 * tier takes part in needs its request admitted one way and its reply the other, so each tier's
 * rules are reasoned from the flows it carries (docs/security-network.md, item 6):
 *
 * - `public`: NAT gateways and internet-facing load balancers. In: anything from the VPC (nodes
 *   sending through NAT, load balancers' targets answering), HTTPS to listeners, replies to the
 *   NAT's and load balancers' ports (1024-65535), path-MTU ICMP. Out: anything.
 * - `nodes`: EKS nodes and pods. In: anything from the VPC (control plane to kubelet, pod to pod,
 *   load balancer health checks), replies to connections they opened through NAT or the S3
 *   gateway endpoint, which arrive from internet addresses on their ephemeral ports, and
 *   path-MTU ICMP. Out: anything. The link adds HTTPS from the peer cluster subnets.
 * - `intra` (EKS control-plane ENIs) and `endpoints` (interface endpoints): the VPC only, both ways.
 *
 * Every tier first refuses SSH and RDP (TCP and UDP 22 and 3389) from anywhere (CIS AWS 5.1, FSBP
 * EC2.21): the platform reaches nodes through Session Manager, never those ports. No allow rule
 * that admits the internet spans 22 or 3389, so the ACLs pass a scanner that reads rules one by
 * one, whatever their order.
 */

/** The tiers of a VPC's subnets (see `AwsNetwork`). */
export type NetworkAclTier = 'public' | 'nodes' | 'intra' | 'endpoints';

/** One NACL entry. Ports are inclusive; ICMP rules carry type and code instead. */
export interface NetworkAclEntry {
  /** Evaluated lowest first; the first match decides. */
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly action: 'allow' | 'deny';
  readonly protocol: 'tcp' | 'udp' | 'icmp' | '-1';
  readonly cidr: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

/** Remote administration ports refused from anywhere (CIS AWS 5.1, FSBP EC2.21). */
export const ADMIN_PORTS = [22, 3389] as const;

/** Anywhere on the IPv4 internet. The VPCs have no IPv6 range, so no IPv6 traffic reaches a subnet. */
export const ANYWHERE = '0.0.0.0/0';

/**
 * Rule number bands, so rules of two stacks never collide on one ACL: the network's own refusals,
 * its VPC rule, the link's rules (added by the link stack), then the internet's.
 */
export const RULE_BANDS = { refuse: 100, vpc: 200, link: 300, internet: 400 } as const;

/** Ports a reply can come back to: Linux, NAT gateway and load balancer source ports. */
const EPHEMERAL = { from: 1024, to: 65535 } as const;

/** Path MTU discovery: ICMP destination unreachable, fragmentation needed. IPsec and NAT shrink the path. */
const PATH_MTU = { icmpType: 3, icmpCode: 4 } as const;

/** `from`-`to` without the given ports, as the fewest inclusive ranges. */
export function portRangesWithout(from: number, to: number, holes: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  let start = from;
  for (const hole of [...holes].filter((h) => h >= from && h <= to).sort((a, b) => a - b)) {
    if (hole > start) ranges.push([start, hole - 1]);
    start = hole + 1;
  }
  if (start <= to) ranges.push([start, to]);
  return ranges;
}

function refusals(): NetworkAclEntry[] {
  const refused = ADMIN_PORTS.flatMap((port) => (['tcp', 'udp'] as const).map((protocol) => ({ port, protocol })));
  return refused.map(({ port, protocol }, i) => ({
    ruleNumber: RULE_BANDS.refuse + i,
    egress: false,
    action: 'deny',
    protocol,
    cidr: ANYWHERE,
    fromPort: port,
    toPort: port,
  }));
}

/** Replies from the internet, to ephemeral ports but never an admin port; then path-MTU ICMP. */
function internetReplies(first: number): NetworkAclEntry[] {
  const ranges = portRangesWithout(EPHEMERAL.from, EPHEMERAL.to, ADMIN_PORTS);
  const replies = (['tcp', 'udp'] as const).flatMap((protocol) =>
    ranges.map(([fromPort, toPort]) => ({ protocol, fromPort, toPort })),
  );
  return [
    ...replies.map((r, i) => ({
      ruleNumber: first + i,
      egress: false,
      action: 'allow' as const,
      cidr: ANYWHERE,
      ...r,
    })),
    {
      ruleNumber: first + replies.length,
      egress: false,
      action: 'allow',
      protocol: 'icmp',
      cidr: ANYWHERE,
      ...PATH_MTU,
    },
  ];
}

/** Ports internet-facing load balancers listen on below the ephemeral range: HTTPS only. */
export const PUBLIC_LISTENER_PORTS = [443] as const;

/** Every rule of one tier's ACL, for a VPC of `vpcCidr`. */
export function planNetworkAcl(tier: NetworkAclTier, vpcCidr: string): NetworkAclEntry[] {
  const fromVpc: NetworkAclEntry = {
    ruleNumber: RULE_BANDS.vpc,
    egress: false,
    action: 'allow',
    protocol: '-1',
    cidr: vpcCidr,
  };
  const internetFacing = tier === 'public' || tier === 'nodes';
  const outbound: NetworkAclEntry = {
    ruleNumber: 100,
    egress: true,
    action: 'allow',
    protocol: '-1',
    cidr: internetFacing ? ANYWHERE : vpcCidr,
  };
  if (!internetFacing) return [...refusals(), fromVpc, outbound];
  const listeners: NetworkAclEntry[] =
    tier === 'public'
      ? PUBLIC_LISTENER_PORTS.map((port, i) => ({
          ruleNumber: RULE_BANDS.internet + i,
          egress: false,
          action: 'allow',
          protocol: 'tcp',
          cidr: ANYWHERE,
          fromPort: port,
          toPort: port,
        }))
      : [];
  return [...refusals(), fromVpc, ...listeners, ...internetReplies(RULE_BANDS.internet + 10), outbound];
}

/** One inbound rule the link admits from the peer cloud (see `LINK_INGRESS`). */
export interface LinkAclRule {
  readonly protocol: 'tcp' | 'icmp';
  /** TCP: the port. ICMP: the type. */
  readonly from: number;
  /** TCP: the last port. ICMP: the code. */
  readonly to: number;
}

/** The inbound entries admitting `rules` from each peer CIDR, numbered in the link's band. */
export function planLinkAclEntries(peerCidrs: readonly string[], rules: readonly LinkAclRule[]): NetworkAclEntry[] {
  const room = RULE_BANDS.internet - RULE_BANDS.link;
  if (peerCidrs.length * rules.length > room)
    throw new Error(`the link's ACL band holds ${room} rules; ${peerCidrs.length * rules.length} asked`);
  return peerCidrs.flatMap((cidr, c) =>
    rules.map((rule, r): NetworkAclEntry => {
      const ruleNumber = RULE_BANDS.link + c * rules.length + r;
      return rule.protocol === 'icmp'
        ? { ruleNumber, egress: false, action: 'allow', protocol: 'icmp', cidr, icmpType: rule.from, icmpCode: rule.to }
        : { ruleNumber, egress: false, action: 'allow', protocol: 'tcp', cidr, fromPort: rule.from, toPort: rule.to };
    }),
  );
}
