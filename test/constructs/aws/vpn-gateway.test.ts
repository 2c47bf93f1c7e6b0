import { TerraformOutput, Testing } from 'cdktf';
import { AwsVpnGateway, type AwsVpnGatewayProps } from '../../../constructs/aws/vpn-gateway';
import { planVpnTunnels } from '../../../constructs/cloud-neutral/vpn-plan';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const props: AwsVpnGatewayProps = {
  namePrefix: 'p-dev-us-east-1',
  vpcId: 'vpc-1',
  routeTableIds: ['rtb-a', 'rtb-b'],
  asn: 64512,
  peerAsn: 65010,
  peerAddresses: ['203.0.113.1', '203.0.113.2'],
  plan: planVpnTunnels(),
  tunnelLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:/aws/vpn/p-dev-us-east-1/tunnels',
};

function synth(overrides: Partial<AwsVpnGatewayProps> = {}): Resources {
  const json = Testing.synthScope((scope) => new AwsVpnGateway(scope, 'vpn', { ...props, ...overrides }));
  return (JSON.parse(json) as { resource: Resources }).resource;
}

describe('AwsVpnGateway', () => {
  test('one customer gateway per Azure instance, each with its own BGP VPN connection', () => {
    const resources = synth();
    const cgws = Object.values(resources.aws_customer_gateway);
    expect(cgws.map((c) => c.ip_address)).toEqual(['203.0.113.1', '203.0.113.2']);
    for (const c of cgws) expect(c).toMatchObject({ bgp_asn: '65010', type: 'ipsec.1' });
    expect(Object.values(resources.aws_vpn_gateway)).toEqual([
      expect.objectContaining({ vpc_id: 'vpc-1', amazon_side_asn: '64512' }),
    ]);
    const vpns = Object.values(resources.aws_vpn_connection);
    expect(vpns.map((v) => [v.tunnel1_inside_cidr, v.tunnel2_inside_cidr])).toEqual([
      ['169.254.21.0/30', '169.254.22.0/30'],
      ['169.254.21.4/30', '169.254.22.4/30'],
    ]);
  });

  test('pre-shared keys are left to AWS and handed on as references, with the outside address of the same tunnel', () => {
    const resources = synth();
    for (const v of Object.values(resources.aws_vpn_connection)) {
      expect(Object.keys(v).filter((k) => k.includes('preshared'))).toEqual([]);
    }
    const json = Testing.synthScope((scope) => {
      const gateway = new AwsVpnGateway(scope, 'vpn', props);
      new TerraformOutput(scope, 'tunnels', { value: gateway.tunnels, sensitive: true });
    });
    const tunnels = (JSON.parse(json) as { output: { tunnels: { value: Record<string, string>[] } } }).output.tunnels;
    // Logical ids end in a hash; drop it to compare.
    const named = (ref: string) => ref.replace(/_[0-9A-F]{8}\./, '.');
    expect(tunnels.value.map((t) => [named(t.outsideAddress), named(t.presharedKey)])).toEqual(
      ['vpn-1.tunnel1', 'vpn-1.tunnel2', 'vpn-2.tunnel1', 'vpn-2.tunnel2'].map((n) => {
        const [connection, tunnel] = n.split('.');
        return [
          `\${aws_vpn_connection.vpn_${connection}.${tunnel}_address}`,
          `\${aws_vpn_connection.vpn_${connection}.${tunnel}_preshared_key}`,
        ];
      }),
    );
  });

  test('both tunnels of every connection log into the given group, as JSON', () => {
    const vpns = Object.values(synth().aws_vpn_connection);
    expect(vpns).toHaveLength(2);
    const expected = {
      cloudwatch_log_options: { log_enabled: true, log_group_arn: props.tunnelLogGroupArn, log_output_format: 'json' },
    };
    for (const v of vpns) expect(v).toMatchObject({ tunnel1_log_options: expected, tunnel2_log_options: expected });
  });

  test('routes propagate into every given route table', () => {
    const resources = synth();
    expect(Object.values(resources.aws_vpn_gateway_route_propagation).map((p) => p.route_table_id)).toEqual([
      'rtb-a',
      'rtb-b',
    ]);
  });

  test('a peer address per Azure instance is required', () => {
    expect(() => synth({ peerAddresses: ['203.0.113.1'] })).toThrow(
      /peerAddresses must hold one address per Azure gateway instance \(2\), got 1/,
    );
  });
});
