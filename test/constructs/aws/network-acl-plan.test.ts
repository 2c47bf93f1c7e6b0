import {
  ADMIN_PORTS,
  planLinkAclEntries,
  planNetworkAcl,
  portRangesWithout,
  type NetworkAclEntry,
  type NetworkAclTier,
} from '../../../constructs/aws/network-acl-plan';
import { LINK_INGRESS } from '../../../constructs/cloud-neutral/link-ingress';
import { cidrContains, mustParseCidr } from '../../../constructs/cloud-neutral/cidr';

/** One packet crossing a subnet boundary, as a NACL sees it. */
interface Packet {
  readonly direction: 'in' | 'out';
  readonly protocol: 'tcp' | 'udp' | 'icmp';
  /** The far end: the source of an inbound packet, the destination of an outbound one. */
  readonly peer: string;
  /** TCP/UDP: the port on the far end (outbound) or on the subnet's side (inbound). */
  readonly port?: number;
  readonly icmp?: { readonly type: number; readonly code: number };
}

/** What AWS does with a packet: the lowest-numbered matching entry decides; none matching, deny. */
function verdict(entries: readonly NetworkAclEntry[], packet: Packet): 'allow' | 'deny' {
  const matching = [...entries]
    .filter((e) => e.egress === (packet.direction === 'out'))
    .sort((a, b) => a.ruleNumber - b.ruleNumber)
    .find((e) => {
      if (!cidrContains(mustParseCidr(e.cidr), mustParseCidr(`${packet.peer}/32`))) return false;
      if (e.protocol === '-1') return true;
      if (e.protocol !== packet.protocol) return false;
      if (e.protocol === 'icmp') return e.icmpType === packet.icmp?.type && e.icmpCode === packet.icmp?.code;
      return e.fromPort! <= packet.port! && packet.port! <= e.toPort!;
    });
  return matching?.action ?? 'deny';
}

const VPC = '10.20.0.0/16';
const AKS_SYSTEM = '10.30.64.0/20';
const AZURE_RUNNERS = '10.30.81.96';
const INTERNET = '198.51.100.10';
const IN_VPC = '10.20.1.5';
const plan = (tier: NetworkAclTier) => planNetworkAcl(tier, VPC);
const nodesWithLink = () => [...plan('nodes'), ...planLinkAclEntries([AKS_SYSTEM], LINK_INGRESS)];
const TIERS: NetworkAclTier[] = ['public', 'nodes', 'intra', 'endpoints'];

describe('network ACL plan', () => {
  test.each(TIERS)('%s refuses SSH and RDP, TCP and UDP, from the internet and from inside the VPC', (tier) => {
    for (const peer of [INTERNET, IN_VPC, '10.30.64.9'])
      for (const port of ADMIN_PORTS)
        for (const protocol of ['tcp', 'udp'] as const)
          expect({ peer, port, protocol, v: verdict(plan(tier), { direction: 'in', protocol, peer, port }) }).toEqual({
            peer,
            port,
            protocol,
            v: 'deny',
          });
  });

  test.each(TIERS)(
    '%s: no allow from the internet spans an admin port (rules read one by one, CKV_AWS_231/232)',
    (tier) => {
      for (const e of [...plan(tier), ...planLinkAclEntries([AKS_SYSTEM], LINK_INGRESS)]) {
        if (e.egress || e.action !== 'allow' || e.cidr !== '0.0.0.0/0') continue;
        expect(e.protocol).not.toBe('-1');
        if (e.protocol === 'icmp') continue;
        for (const port of ADMIN_PORTS) expect(e.fromPort! <= port && port <= e.toPort!).toBe(false);
      }
    },
  );

  test.each(TIERS)('%s: anything from and to the VPC passes, but the admin ports', (tier) => {
    for (const port of [443, 10250, 53, 8080, 30080])
      for (const protocol of ['tcp', 'udp'] as const) {
        expect(verdict(plan(tier), { direction: 'in', protocol, peer: IN_VPC, port })).toBe('allow');
        expect(verdict(plan(tier), { direction: 'out', protocol, peer: IN_VPC, port })).toBe('allow');
      }
  });

  test('public: HTTPS listeners, NAT and load-balancer replies, path MTU; nothing else from the internet', () => {
    const p = plan('public');
    const from = (protocol: 'tcp' | 'udp', port: number) =>
      verdict(p, { direction: 'in', protocol, peer: INTERNET, port });
    expect(from('tcp', 443)).toBe('allow');
    // A NAT gateway translates to ports 1024-65535: the replies come back there.
    for (const port of [1024, 3388, 3390, 40000, 65535])
      expect([from('tcp', port), from('udp', port)]).toEqual(['allow', 'allow']);
    for (const port of [80, 25, 445, 1023]) expect(from('tcp', port)).toBe('deny');
    expect(verdict(p, { direction: 'in', protocol: 'icmp', peer: INTERNET, icmp: { type: 3, code: 4 } })).toBe('allow');
    expect(verdict(p, { direction: 'in', protocol: 'icmp', peer: INTERNET, icmp: { type: 8, code: 0 } })).toBe('deny');
    // NAT forwards to any destination, and answers the nodes and load balancers' clients.
    expect(verdict(p, { direction: 'out', protocol: 'tcp', peer: INTERNET, port: 443 })).toBe('allow');
    expect(verdict(p, { direction: 'out', protocol: 'tcp', peer: IN_VPC, port: 40000 })).toBe('allow');
  });

  test("nodes: replies to their own connections (NAT, S3 gateway endpoint) come in; the internet's own calls do not", () => {
    const p = plan('nodes');
    expect(verdict(p, { direction: 'out', protocol: 'tcp', peer: INTERNET, port: 443 })).toBe('allow');
    // Linux's ephemeral ports, 32768-60999, and any port a load balancer's target listens on from 1024.
    for (const port of [32768, 60999, 8000])
      expect(verdict(p, { direction: 'in', protocol: 'tcp', peer: INTERNET, port })).toBe('allow');
    for (const port of [443, 80, 1023])
      expect(verdict(p, { direction: 'in', protocol: 'tcp', peer: INTERNET, port })).toBe('deny');
  });

  test.each(['intra', 'endpoints'] as const)('%s: nothing from or to outside the VPC', (tier) => {
    for (const peer of [INTERNET, '10.30.64.9']) {
      expect(verdict(plan(tier), { direction: 'in', protocol: 'tcp', peer, port: 443 })).toBe('deny');
      expect(verdict(plan(tier), { direction: 'in', protocol: 'tcp', peer, port: 40000 })).toBe('deny');
      expect(verdict(plan(tier), { direction: 'out', protocol: 'tcp', peer, port: 443 })).toBe('deny');
    }
  });

  test('the link admits HTTPS to the nodes from the peer cluster subnets only', () => {
    const p = nodesWithLink();
    expect(verdict(p, { direction: 'in', protocol: 'tcp', peer: '10.30.64.9', port: 443 })).toBe('allow');
    // Azure subnets other than the clusters' (deploy runners) are refused, and so is the internet.
    expect(verdict(p, { direction: 'in', protocol: 'tcp', peer: AZURE_RUNNERS, port: 443 })).toBe('deny');
    expect(verdict(p, { direction: 'in', protocol: 'tcp', peer: INTERNET, port: 443 })).toBe('deny');
    // And the link cannot open an admin port.
    expect(verdict(p, { direction: 'in', protocol: 'tcp', peer: '10.30.64.9', port: 22 })).toBe('deny');
    // The reply leaves.
    expect(verdict(p, { direction: 'out', protocol: 'tcp', peer: '10.30.64.9', port: 51000 })).toBe('allow');
  });

  test('rule numbers are unique per direction, and the link keeps to its band', () => {
    for (const tier of TIERS) {
      const entries = tier === 'nodes' ? nodesWithLink() : plan(tier);
      const keys = entries.map((e) => `${e.egress}-${e.ruleNumber}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    const link = planLinkAclEntries(['10.30.64.0/20', '10.30.0.0/18'], LINK_INGRESS).map((e) => e.ruleNumber);
    expect(link).toEqual([300, 301, 302, 303]);
    expect(() =>
      planLinkAclEntries(
        Array.from({ length: 60 }, () => AKS_SYSTEM),
        LINK_INGRESS,
      ),
    ).toThrow(/band holds 100/);
  });

  test('portRangesWithout cuts holes, keeping the ends', () => {
    expect(portRangesWithout(1024, 65535, [22, 3389])).toEqual([
      [1024, 3388],
      [3390, 65535],
    ]);
    expect(portRangesWithout(22, 22, [22])).toEqual([]);
    expect(portRangesWithout(20, 25, [20, 25])).toEqual([[21, 24]]);
  });
});
