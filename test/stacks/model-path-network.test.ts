/**
 * Security item 4 on the frozen fixture: the federated publisher's role and every distribution
 * store are bound to the Azure NAT's public addresses, read from the host stack through remote
 * state, and the deployer is still admitted.
 */
import { awsModelStoreBucketPrefix, sourceBoundStatements } from '../../constructs/aws/model-store';
import {
  policyStatements,
  referencedAddress,
  resourcesOfType,
  type PolicyStatementJson,
  type StackJson,
} from '../../constructs/shared/stack-json';
import { frozenConfig } from '../helpers/config-fixture';
import { sharedOutput } from '../helpers/shared-synth';

const { stacks } = sharedOutput('frozen');
const fixture = frozenConfig() as {
  platform: { name: string };
  environments: Record<
    string,
    {
      aws: { regions: unknown[] };
      azure: { regions: { region: string }[] };
      kubernetes: { admins: { awsPrincipalArns: string[] } };
    }
  >;
};
const ENVS = Object.keys(fixture.environments);
/** The host stack of the primary Azure region, where the publisher and its NAT are. */
const primaryHost = (env: string) => `${env}-azure-host-${fixture.environments[env].azure.regions[0].region}`;
const stack = (name: string) => stacks.get(name)!;
const distsOf = (env: string) => [...stacks.keys()].filter((n) => n.startsWith(`${env}-aws-dist-`));

/**
 * `${data.terraform_remote_state.<input>.outputs.<output>}/32` followed to the producing stack's
 * output, and the resource and attribute that output names there.
 */
function followRemoteCidr(cidr: string): { producer: string; address: string; attribute: string } {
  const match =
    /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([\w-]+)\.outputs\.([\w-]+)\}\/32$/.exec(cidr);
  if (!match) throw new Error(`not a remote-state host CIDR: ${cidr}`);
  const [, producer, output] = match;
  const value = String(stack(producer).output![output].value);
  const ref = /^\$\{([a-z_]+\.[\w-]+)\.(\w+)\}$/.exec(value);
  if (!ref) throw new Error(`output ${output} of ${producer} is not a plain reference: ${value}`);
  return { producer, address: ref[1], attribute: ref[2] };
}

/** The addresses of the public IPs attached to the NAT gateway of a host stack. */
function natPublicIps(host: StackJson): string[] {
  return resourcesOfType(host, 'azurerm_nat_gateway_public_ip_association').map((a) =>
    referencedAddress(a.attributes.public_ip_address_id)!,
  );
}

function statementsOfDocument(s: StackJson, policy: unknown): PolicyStatementJson[] {
  const statements = policyStatements(s, policy);
  if (!statements) throw new Error(`unreadable policy ${String(policy)}`);
  return statements;
}

describe('the model path is bound to the Azure egress addresses (frozen fixture)', () => {
  test.each(ENVS)('%s: the publisher role is assumed only from the primary host NAT public IPs', (env) => {
    const account = stack(`${env}-aws-account`);
    const publisher = resourcesOfType(account, 'aws_iam_role').find((r) =>
      String(r.attributes.name).endsWith('-artifact-publisher'),
    )!;
    const trust = statementsOfDocument(account, publisher.attributes.assume_role_policy);
    expect(trust.length).toBeGreaterThan(0);
    for (const statement of trust) {
      const ip = statement.conditions.filter((c) => c.variable === 'aws:SourceIp');
      expect(ip.map((c) => c.test)).toEqual(['IpAddress']);
      expect(ip[0].values.length).toBeGreaterThan(0);
      for (const cidr of ip[0].values) {
        const source = followRemoteCidr(cidr);
        expect(source).toEqual({
          producer: primaryHost(env),
          address: expect.stringMatching(/^azurerm_public_ip\./),
          attribute: 'ip_address',
        });
        expect(natPublicIps(stack(source.producer))).toContain(source.address);
      }
    }
  });

  test('roles of EKS workloads (IRSA) carry no address condition: their calls may use the VPC STS endpoint', () => {
    for (const env of ENVS) {
      for (const name of distsOf(env)) {
        const dist = stack(name);
        for (const role of resourcesOfType(dist, 'aws_iam_role')) {
          const trust = statementsOfDocument(dist, role.attributes.assume_role_policy);
          expect(trust.flatMap((s) => s.conditions).filter((c) => c.variable === 'aws:SourceIp')).toEqual([]);
        }
      }
    }
  });

  describe.each(ENVS)('%s: every distribution store', (env) => {
    const dists = distsOf(env);
    const storePolicies = dists.map((name) => {
      const dist = stack(name);
      const store = resourcesOfType(dist, 'aws_s3_bucket').find((b) =>
        String(b.attributes.bucket).startsWith(awsModelStoreBucketPrefix(fixture.platform.name)),
      )!;
      const policy = resourcesOfType(dist, 'aws_s3_bucket_policy').find(
        (p) => referencedAddress(p.attributes.bucket) === store.address,
      )!;
      return { name, dist, statements: statementsOfDocument(dist, policy.attributes.policy) };
    });

    test('has a store in every region', () => {
      expect(storePolicies.map((p) => p.name)).toEqual(dists);
      expect(dists.length).toBe(fixture.environments[env].aws.regions.length);
    });

    test.each(storePolicies.map((p) => [p.name, p] as const))(
      '%s denies the publisher role from any address but the NAT public IPs',
      (_, { statements }) => {
        const bound = statements.filter((s) => s.conditions.some((c) => c.variable === 'aws:SourceIp'));
        expect(bound).toHaveLength(1);
        const [deny] = bound;
        expect(deny).toMatchObject({ effect: 'Deny', actions: ['s3:*'], principals: { '*': ['*'] } });
        const principal = deny.conditions.find((c) => c.variable === 'aws:PrincipalArn')!;
        expect(principal.test).toBe('ArnEquals');
        // The publisher's role, from the account stack: nobody else is bound to an address.
        expect(principal.values).toEqual([
          expect.stringMatching(
            new RegExp(
              `^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${env}-aws-account\\.outputs\\.[\\w-]*federated-artifact-publisher[\\w-]*arn\\}$`,
            ),
          ),
        ]);
        const source = deny.conditions.find((c) => c.variable === 'aws:SourceIp')!;
        expect(source.test).toBe('NotIpAddress');
        for (const cidr of source.values) {
          const followed = followRemoteCidr(cidr);
          expect(followed.producer).toBe(primaryHost(env));
          expect(natPublicIps(stack(followed.producer))).toContain(followed.address);
        }
        expect(source.values.length).toBeGreaterThan(0);
      },
    );

    test.each(storePolicies.map((p) => [p.name, p] as const))(
      '%s still admits the deployer, and binds neither it nor the admins to an address',
      (_, { statements }) => {
        const deployer = /^\$\{data\.aws_iam_session_context\.[\w-]+\.issuer_arn\}$/;
        const admitted = statements.find((s) => s.sid === 'OnlyAdminsAndGrantedWorkloads')!;
        const notEquals = admitted.conditions.find((c) => c.test === 'ArnNotEquals')!;
        expect(notEquals.values.some((v) => deployer.test(v))).toBe(true);
        for (const s of statements.filter((s) => s.conditions.some((c) => c.variable === 'aws:SourceIp'))) {
          const bound = s.conditions.find((c) => c.variable === 'aws:PrincipalArn')!.values;
          const admins = fixture.environments[env].kubernetes.admins.awsPrincipalArns;
          expect(admins.length).toBeGreaterThan(0);
          expect(bound.some((v) => deployer.test(v) || admins.includes(v))).toBe(false);
        }
      },
    );
  });
});

describe('sourceBoundStatements', () => {
  const bucket = 'arn:aws:s3:::b';

  test('one deny per set of addresses, naming every principal bound to it', () => {
    const statements = sourceBoundStatements(bucket, [
      { arn: 'arn:aws:iam::1:role/a', sourceCidrs: ['203.0.113.1/32'] },
      { arn: 'arn:aws:iam::1:role/b', sourceCidrs: ['203.0.113.1/32'] },
      { arn: 'arn:aws:iam::1:role/c', sourceCidrs: ['198.51.100.0/24'] },
    ]);
    expect(statements.map((s) => s.conditions)).toEqual([
      [
        { test: 'ArnEquals', variable: 'aws:PrincipalArn', values: ['arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b'] },
        { test: 'NotIpAddress', variable: 'aws:SourceIp', values: ['203.0.113.1/32'] },
      ],
      [
        { test: 'ArnEquals', variable: 'aws:PrincipalArn', values: ['arn:aws:iam::1:role/c'] },
        { test: 'NotIpAddress', variable: 'aws:SourceIp', values: ['198.51.100.0/24'] },
      ],
    ]);
    expect(new Set(statements.map((s) => s.sid)).size).toBe(2);
    for (const s of statements) expect(s.resources).toEqual([bucket, `${bucket}/*`]);
  });

  test('a principal without known addresses is not bound (it would be denied everywhere)', () => {
    expect(sourceBoundStatements(bucket, [{ arn: 'arn:aws:iam::1:role/a', sourceCidrs: [] }])).toEqual([]);
  });
});
