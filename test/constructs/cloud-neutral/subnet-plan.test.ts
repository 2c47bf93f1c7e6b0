import {
  AWS_SUBNET_LAYOUT,
  AZURE_SUBNET_LAYOUT,
  nodeSubnetCapacity,
  planSubnets,
  subnetsOf,
  type SubnetLayout,
} from '../../../constructs/cloud-neutral/subnet-plan';
import { cidrContains, cidrsOverlap, mustParseCidr } from '../../../constructs/cloud-neutral/cidr';

const AWS_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const AZURE_ZONES = ['1', '2', '3'];

function cidrs(network: string, zones: string[], layout: SubnetLayout): string[] {
  const plan = planSubnets(network, zones, layout);
  if (!plan.ok) throw new Error(plan.problems.join('; '));
  return plan.subnets.map((s) => `${s.role}${s.zone ? `@${s.zone}` : ''} ${s.cidr}`);
}

describe('subnet planner', () => {
  test('carves the documented AWS example', () => {
    expect(cidrs('10.110.0.0/16', AWS_ZONES, AWS_SUBNET_LAYOUT)).toEqual([
      'nodes@us-east-1a 10.110.0.0/18',
      'nodes@us-east-1b 10.110.64.0/18',
      'nodes@us-east-1c 10.110.128.0/18',
      'public@us-east-1a 10.110.192.0/24',
      'public@us-east-1b 10.110.193.0/24',
      'public@us-east-1c 10.110.194.0/24',
      'intra@us-east-1a 10.110.195.0/26',
      'intra@us-east-1b 10.110.195.64/26',
      'intra@us-east-1c 10.110.195.128/26',
      'endpoints@us-east-1a 10.110.195.192/26',
      'endpoints@us-east-1b 10.110.196.0/26',
      'endpoints@us-east-1c 10.110.196.64/26',
    ]);
  });

  test('carves the documented Azure example', () => {
    expect(cidrs('10.120.0.0/16', AZURE_ZONES, AZURE_SUBNET_LAYOUT)).toEqual([
      'aks-gpu 10.120.0.0/18',
      'aks-system 10.120.64.0/20',
      'private-endpoints 10.120.80.0/24',
      'GatewaySubnet 10.120.81.0/26',
      'aks-apiserver 10.120.81.64/28',
      'deploy-runners 10.120.81.96/27',
    ]);
  });

  test('is deterministic', () => {
    expect(cidrs('10.5.0.0/16', AWS_ZONES, AWS_SUBNET_LAYOUT)).toEqual(
      cidrs('10.5.0.0/16', AWS_ZONES, AWS_SUBNET_LAYOUT),
    );
  });

  test('appending a role does not renumber existing subnets', () => {
    const before = cidrs('10.5.0.0/16', AWS_ZONES, AWS_SUBNET_LAYOUT);
    const extended: SubnetLayout = {
      ...AWS_SUBNET_LAYOUT,
      roles: [...AWS_SUBNET_LAYOUT.roles, { name: 'storage', zonal: true, newBits: 8 }],
    };
    const after = cidrs('10.5.0.0/16', AWS_ZONES, extended);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 3);
  });

  test('adding a zone fills a reserved slot instead of renumbering', () => {
    const twoZones = cidrs('10.5.0.0/16', AWS_ZONES.slice(0, 2), AWS_SUBNET_LAYOUT);
    const threeZones = cidrs('10.5.0.0/16', AWS_ZONES, AWS_SUBNET_LAYOUT);
    expect(threeZones).toEqual(expect.arrayContaining(twoZones));
  });

  test.each([
    ['AWS', AWS_SUBNET_LAYOUT, AWS_ZONES],
    ['Azure', AZURE_SUBNET_LAYOUT, AZURE_ZONES],
  ] as const)('%s subnets lie inside the network and never overlap', (_, layout, zones) => {
    for (const network of ['10.0.0.0/16', '172.16.0.0/18', '192.168.0.0/20']) {
      const plan = planSubnets(network, zones, layout);
      if (!plan.ok) throw new Error(plan.problems.join());
      const blocks = plan.subnets.map((s) => mustParseCidr(s.cidr));
      blocks.forEach((b, i) => {
        expect(cidrContains(mustParseCidr(network), b)).toBe(true);
        blocks.slice(i + 1).forEach((other) => expect(cidrsOverlap(b, other)).toBe(false));
      });
    }
  });

  test.each(['10.0.0.0/16', '10.0.0.0/20', '10.0.0.0/22'])(
    'both clouds get the same node-subnet capacity and zone count for %s',
    (network) => {
      const aws = planSubnets(network, AWS_ZONES, AWS_SUBNET_LAYOUT);
      const azure = planSubnets(network, AZURE_ZONES, AZURE_SUBNET_LAYOUT);
      if (!aws.ok || !azure.ok) throw new Error('plan failed');
      expect(nodeSubnetCapacity(aws.subnets, AWS_SUBNET_LAYOUT)).toBe(
        nodeSubnetCapacity(azure.subnets, AZURE_SUBNET_LAYOUT),
      );
      expect(subnetsOf(aws.subnets, 'nodes')).toHaveLength(AZURE_ZONES.length);
    },
  );

  test('a /16 gives GPU nodes 16,379 usable addresses per zone', () => {
    const plan = planSubnets('10.0.0.0/16', AWS_ZONES, AWS_SUBNET_LAYOUT);
    expect(plan.ok && nodeSubnetCapacity(plan.subnets, AWS_SUBNET_LAYOUT)).toBe(16379);
  });

  test('the gateway subnet never shrinks below /27', () => {
    const plan = planSubnets('10.0.0.0/22', AZURE_ZONES, AZURE_SUBNET_LAYOUT);
    expect(plan.ok && subnetsOf(plan.subnets, 'GatewaySubnet')[0].cidr).toBe('10.0.2.32/27');
  });

  test('a network too small for its roles is rejected with the size that would fit', () => {
    expect(planSubnets('10.0.0.0/24', AWS_ZONES, AWS_SUBNET_LAYOUT)).toEqual({
      ok: false,
      problems: [
        'is too small for its subnets: the nodes, public, intra, endpoints subnets need 336 addresses, the network has 256; use a /22 or larger',
      ],
    });
  });

  test('more zones than slots is rejected', () => {
    const plan = planSubnets('10.0.0.0/16', ['a', 'b', 'c', 'd'], AWS_SUBNET_LAYOUT);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.problems[0]).toBe('needs 1 to 3 zones, got 4');
  });
});
