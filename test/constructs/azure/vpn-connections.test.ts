import { Testing } from 'cdktf';
import { AzureVpnConnections, type AzureVpnConnectionsProps } from '../../../constructs/azure/vpn-connections';
import { planVpnTunnels } from '../../../constructs/cloud-neutral/vpn-plan';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const plan = planVpnTunnels();
const props: AzureVpnConnectionsProps = {
  namePrefix: 'p-dev-eastus2',
  location: 'eastus2',
  resourceGroupName: 'rg-net',
  virtualNetworkGatewayId: 'vgw-id',
  peerAsn: 64512,
  plan,
  tunnels: plan.tunnels.map((t) => ({
    outsideAddress: `198.51.100.${t.connection * 2 + t.tunnel}`,
    presharedKey: `\${aws_vpn_connection.vpn${t.connection}.tunnel${t.tunnel}_preshared_key}`,
  })),
};

function synth(overrides: Partial<AzureVpnConnectionsProps> = {}): Resources {
  const json = Testing.synthScope((scope) => new AzureVpnConnections(scope, 'cn', { ...props, ...overrides }));
  return (JSON.parse(json) as { resource: Resources }).resource;
}

describe('AzureVpnConnections', () => {
  const resources = synth();
  const lgws = Object.values(resources.azurerm_local_network_gateway);
  const connections = Object.values(resources.azurerm_virtual_network_gateway_connection);

  test('one local network gateway per AWS tunnel, peering with the AWS inside address over BGP', () => {
    expect(lgws.map((l) => [l.name, l.gateway_address, l.bgp_settings])).toEqual([
      ['lgw-p-dev-eastus2-aws-1-1', '198.51.100.1', { asn: 64512, bgp_peering_address: '169.254.21.1' }],
      ['lgw-p-dev-eastus2-aws-1-2', '198.51.100.2', { asn: 64512, bgp_peering_address: '169.254.22.1' }],
      ['lgw-p-dev-eastus2-aws-2-1', '198.51.100.3', { asn: 64512, bgp_peering_address: '169.254.21.5' }],
      ['lgw-p-dev-eastus2-aws-2-2', '198.51.100.4', { asn: 64512, bgp_peering_address: '169.254.22.5' }],
    ]);
    // BGP carries the prefixes: no static address space.
    for (const l of lgws) expect(l).not.toHaveProperty('address_space');
  });

  test('one IKEv2 connection with BGP per tunnel, keyed by the tunnel pre-shared key reference', () => {
    expect(connections.map((c) => c.shared_key)).toEqual(props.tunnels.map((t) => t.presharedKey));
    for (const c of connections) {
      expect(c).toMatchObject({
        type: 'IPsec',
        enable_bgp: true,
        connection_protocol: 'IKEv2',
        virtual_network_gateway_id: 'vgw-id',
      });
    }
  });

  test('custom BGP addresses follow the Microsoft Learn pattern: the same tunnel number on both instances', () => {
    expect(connections.map((c) => c.custom_bgp_addresses)).toEqual([
      { primary: '169.254.21.2', secondary: '169.254.21.6' },
      { primary: '169.254.22.2', secondary: '169.254.22.6' },
      { primary: '169.254.21.2', secondary: '169.254.21.6' },
      { primary: '169.254.22.2', secondary: '169.254.22.6' },
    ]);
  });

  test('a tunnel endpoint per planned tunnel is required', () => {
    expect(() => synth({ tunnels: props.tunnels.slice(1) })).toThrow(
      /tunnels must hold one endpoint per planned tunnel \(4\), got 3/,
    );
  });
});
