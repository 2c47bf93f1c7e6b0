import { policyStatements } from '../../../constructs/shared/stack-json';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { AWS_INTERFACE_ENDPOINT_SERVICES } from '../../../constructs/aws/vpc-endpoints';
import { ADMIN_PORTS, planNetworkAcl, type NetworkAclTier } from '../../../constructs/aws/network-acl-plan';
import { resourcesOf, sharedOutput } from '../../helpers/shared-synth';
// cdktf's matchers (toHaveResourceWithProperties), declared for this file only: loading cdktf in
// every test file, pure ones too, costs each of them its load time.
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();

type Resource = Record<string, unknown>;

describe('AWS distribution network', () => {
  const { stacks, texts } = sharedOutput('frozen');
  const prod = stacks.get('prod-aws-dist-us-east-1')!;
  const dev = stacks.get('dev-aws-dist-us-east-1')!;
  const subnets = (stack: typeof prod) => Object.values(resourcesOf(stack, 'aws_subnet'));

  test('the VPC resolves DNS and gives hostnames', () => {
    expect(texts.get('prod-aws-dist-us-east-1')).toHaveResourceWithProperties(Vpc, {
      cidr_block: '10.110.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
  });

  test('every zone gets one subnet of each tier', () => {
    for (const [stack, zones] of [
      [prod, ['use1-az1', 'use1-az2', 'use1-az4']],
      [dev, ['use1-az1', 'use1-az2']],
    ] as const) {
      for (const zone of zones) {
        const tiers = subnets(stack)
          .filter((s) => s.availability_zone_id === zone && s.availability_zone === undefined)
          .map((s) => (s.tags as Record<string, string>).tier)
          .sort();
        expect(tiers).toEqual(['endpoints', 'intra', 'nodes', 'public']);
      }
    }
  });

  test('no subnet assigns public IPs on launch, the public tier included', () => {
    for (const stack of [prod, dev]) {
      for (const subnet of subnets(stack)) expect(subnet.map_public_ip_on_launch).toBe(false);
    }
  });

  test('subnets carry the EKS load-balancer discovery tags', () => {
    const byTier = (tier: string) => subnets(prod).filter((s) => (s.tags as Record<string, string>).tier === tier);
    for (const s of byTier('public')) expect(s.tags).toMatchObject({ 'kubernetes.io/role/elb': '1' });
    for (const s of byTier('nodes')) {
      expect(s.tags).toMatchObject({
        'kubernetes.io/role/internal-elb': '1',
        'kubernetes.io/cluster/gpuplat-prod-us-east-1': 'shared',
      });
    }
  });

  test('prod has a NAT gateway per zone, dev a single one', () => {
    expect(Object.keys(resourcesOf(prod, 'aws_nat_gateway'))).toHaveLength(3);
    expect(Object.keys(resourcesOf(stacks.get('prod-aws-dist-eu-west-1')!, 'aws_nat_gateway'))).toHaveLength(3);
    expect(Object.keys(resourcesOf(dev, 'aws_nat_gateway'))).toHaveLength(1);
  });

  test('a route table per tier: public to the internet gateway, nodes through NAT, intra nowhere', () => {
    const tables = Object.values(resourcesOf(prod, 'aws_route_table'));
    const routesOf = (name: string) => tables.find((t) => (t.tags as Record<string, string>).Name === name)?.route;
    expect(routesOf('gpuplat-prod-us-east-1-public')).toEqual([
      expect.objectContaining({ cidr_block: '0.0.0.0/0', gateway_id: expect.stringContaining('aws_internet_gateway') }),
    ]);
    expect(routesOf('gpuplat-prod-us-east-1-nodes-use1-az2')).toEqual([
      expect.objectContaining({ cidr_block: '0.0.0.0/0', nat_gateway_id: expect.stringContaining('nat-use1-az2') }),
    ]);
    expect(routesOf('gpuplat-prod-us-east-1-intra')).toBeUndefined();
  });

  test('the default security group keeps no rules', () => {
    for (const stack of [prod, dev]) {
      expect(Object.values(resourcesOf(stack, 'aws_default_security_group'))).toEqual([
        expect.objectContaining({ ingress: [], egress: [] }),
      ]);
    }
  });

  test('S3 is a gateway endpoint on the private route tables', () => {
    const s3 = Object.values(resourcesOf(prod, 'aws_vpc_endpoint')).find((e) => e.vpc_endpoint_type === 'Gateway')!;
    expect(s3.service_name).toBe('com.amazonaws.us-east-1.s3');
    expect(s3.route_table_ids).toHaveLength(4);
  });

  test('interface endpoints have private DNS behind a group that admits 443 from the VPC only', () => {
    const interfaces = Object.values(resourcesOf(prod, 'aws_vpc_endpoint')).filter(
      (e) => e.vpc_endpoint_type === 'Interface',
    );
    expect(interfaces.map((e) => e.service_name).sort()).toEqual(
      AWS_INTERFACE_ENDPOINT_SERVICES.map((s) => `com.amazonaws.us-east-1.${s}`).sort(),
    );
    for (const e of interfaces) expect(e.private_dns_enabled).toBe(true);
    expect(AWS_INTERFACE_ENDPOINT_SERVICES).toEqual(
      expect.arrayContaining(['ecr.api', 'ecr.dkr', 'sts', 'logs', 'ec2', 'eks']),
    );
    const sg = Object.values(resourcesOf(prod, 'aws_security_group')).find(
      (g) => g.name === 'gpuplat-prod-us-east-1-vpc-endpoints',
    )!;
    expect(sg.ingress).toEqual([
      expect.objectContaining({ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.110.0.0/16'] }),
    ]);
  });

  test('flow logs capture all traffic into a KMS-encrypted log group kept for the configured retention', () => {
    for (const [stack, retention] of [
      [prod, 365],
      [dev, 30],
    ] as const) {
      const [flowLog] = Object.values(resourcesOf(stack, 'aws_flow_log'));
      expect(flowLog).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
      const [group] = Object.values(resourcesOf(stack, 'aws_cloudwatch_log_group')) as Resource[];
      expect(group).toMatchObject({ retention_in_days: retention, kms_key_id: expect.stringContaining('aws_kms_key') });
      expect(group.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  test('the log key rotates, is protected and lets CloudWatch Logs use it only for this account', () => {
    const key = Object.values(resourcesOf(prod, 'aws_kms_key')).find((k) =>
      String(k.description).startsWith('CloudWatch Logs'),
    )!;
    expect(key).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    const statements = policyStatements(prod, key.policy)!;
    expect(statements[1]).toMatchObject({
      principals: { Service: ['logs.us-east-1.amazonaws.com'] },
      conditions: [
        {
          test: 'ArnLike',
          variable: 'kms:EncryptionContext:aws:logs:arn',
          values: ['arn:aws:logs:us-east-1:222222222222:log-group:*'],
        },
      ],
    });
  });

  test('the flow-log role is assumable by VPC Flow Logs of this account and writes only its group', () => {
    const role = Object.values(resourcesOf(prod, 'aws_iam_role')).find((r) => String(r.name).endsWith('-flow-logs'))!;
    expect(policyStatements(prod, role.assume_role_policy)![0]).toMatchObject({
      principals: { Service: ['vpc-flow-logs.amazonaws.com'] },
      conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['222222222222'] }],
    });
    const policy = Object.values(resourcesOf(prod, 'aws_iam_role_policy')).find((p) => p.name === 'write-flow-logs')!;
    const [statement] = policyStatements(prod, policy.policy)!;
    expect(statement.resources).toEqual([expect.stringMatching(/aws_cloudwatch_log_group\..*\.arn}:\*$/)]);
    expect(statement.actions).not.toContain('*');
  });
});

describe('AWS flow-log delivery role (frozen fixture config)', () => {
  test("holds AWS's documented minimum, each action as narrow as it goes", () => {
    const stack = sharedOutput('frozen').stacks.get('prod-aws-dist-eu-west-1')!;
    const [policy] = Object.values(resourcesOf(stack, 'aws_iam_role_policy')).filter(
      (p) => p.name === 'write-flow-logs',
    );
    const statements = policyStatements(stack, policy.policy)!;
    expect(statements.map((s) => [[...s.actions].sort(), ...s.resources])).toEqual([
      [
        ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.flow-log_log-group_\w+\.arn\}:\*$/),
      ],
      [['logs:DescribeLogGroups'], 'arn:aws:logs:eu-west-1:222222222222:log-group:*'],
    ]);
  });
});

describe('AWS network ACLs (frozen fixture)', () => {
  const { stacks } = sharedOutput('frozen');
  const dists = [...stacks].filter(([name]) => name.includes('-aws-dist-'));

  test.each(dists.map(([name, stack]) => [name, stack] as const))(
    '%s: every subnet is on the ACL of its tier, one ACL per tier, and each ACL has the planned rules',
    (_, stack) => {
      const vpc = Object.values(resourcesOf(stack, 'aws_vpc'))[0];
      const acls = resourcesOf(stack, 'aws_network_acl');
      const rules = Object.values(resourcesOf(stack, 'aws_network_acl_rule'));
      const tierOf = Object.fromEntries(
        Object.entries(resourcesOf(stack, 'aws_subnet')).map(([id, s]) => [
          `\${aws_subnet.${id}.id}`,
          (s.tags as Record<string, string>).tier,
        ]),
      );
      const seen: string[] = [];
      for (const [id, acl] of Object.entries(acls)) {
        const tiers = new Set((acl.subnet_ids as string[]).map((s) => tierOf[s]));
        expect(tiers.size).toBe(1);
        const [tier] = [...tiers] as NetworkAclTier[];
        seen.push(...(acl.subnet_ids as string[]));
        const written = rules
          .filter((r) => r.network_acl_id === `\${aws_network_acl.${id}.id}`)
          .map((r) => ({
            ruleNumber: r.rule_number,
            egress: r.egress,
            action: r.rule_action,
            protocol: r.protocol,
            cidr: r.cidr_block,
            ...(r.from_port === undefined ? {} : { fromPort: r.from_port, toPort: r.to_port }),
            ...(r.icmp_type === undefined ? {} : { icmpType: r.icmp_type, icmpCode: r.icmp_code }),
          }));
        const order = (e: { egress: unknown; ruleNumber: unknown }) => `${String(e.egress)}-${String(e.ruleNumber)}`;
        const sorted = <T extends { egress: unknown; ruleNumber: unknown }>(entries: T[]) =>
          [...entries].sort((a, b) => order(a).localeCompare(order(b)));
        expect(sorted(written)).toEqual(sorted(planNetworkAcl(tier, String(vpc.cidr_block))));
      }
      expect(Object.keys(acls)).toHaveLength(4);
      expect(seen.sort()).toEqual(Object.keys(tierOf).sort());
    },
  );

  test.each(dists.map(([name, stack]) => [name, stack] as const))(
    "%s: the VPC's default ACL admits nothing and leaves the subnets to their tiers' ACLs",
    (_, stack) => {
      const [acl] = Object.values(resourcesOf(stack, 'aws_default_network_acl'));
      const [vpcId] = Object.keys(resourcesOf(stack, 'aws_vpc'));
      expect(acl.default_network_acl_id).toBe(`\${aws_vpc.${vpcId}.default_network_acl_id}`);
      expect(acl.ingress).toBeUndefined();
      expect(acl.egress).toBeUndefined();
      expect(acl.lifecycle).toEqual({ ignore_changes: ['subnet_ids'] });
      expect((acl.depends_on as string[]).filter((d) => d.startsWith('aws_network_acl.'))).toHaveLength(4);
    },
  );

  test('no ACL rule of any stack admits SSH or RDP from the internet, and every ACL refuses them first', () => {
    for (const [name, stack] of stacks) {
      const rules = Object.values(resourcesOf(stack, 'aws_network_acl_rule'));
      for (const r of rules.filter((r) => r.egress === false && r.rule_action === 'allow')) {
        if (r.cidr_block !== '0.0.0.0/0') continue;
        expect({ name, protocol: r.protocol }).not.toEqual({ name, protocol: '-1' });
        for (const port of ADMIN_PORTS)
          expect({ name, r, spans: Number(r.from_port) <= port && port <= Number(r.to_port) }).toEqual({
            name,
            r,
            spans: false,
          });
      }
      for (const id of Object.keys(resourcesOf(stack, 'aws_network_acl'))) {
        const refused = rules
          .filter((r) => r.network_acl_id === `\${aws_network_acl.${id}.id}` && r.rule_action === 'deny')
          .map((r) => [r.protocol, r.from_port, r.cidr_block]);
        expect(refused).toEqual(
          ADMIN_PORTS.flatMap((port) => ['tcp', 'udp'].map((protocol) => [protocol, port, '0.0.0.0/0'])),
        );
      }
    }
  });
});
