import { Testing } from 'cdktf';
import { AzureVpnGateway, type AzureVpnGatewayProps } from '../../../constructs/azure/vpn-gateway';
import { planVpnTunnels } from '../../../constructs/cloud-neutral/vpn-plan';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const props: AzureVpnGatewayProps = {
  namePrefix: 'p-dev-eastus2',
  location: 'eastus2',
  resourceGroupName: 'rg-net',
  gatewaySubnetId: 'subnet-gw',
  asn: 65010,
  plan: planVpnTunnels(),
};

function synth(overrides: Partial<AzureVpnGatewayProps> = {}): Resources {
  const json = Testing.synthScope((scope) => new AzureVpnGateway(scope, 'vgw', { ...props, ...overrides }));
  return (JSON.parse(json) as { resource: Resources }).resource;
}

describe('AzureVpnGateway', () => {
  const resources = synth();
  const [gateway] = Object.values(resources.azurerm_virtual_network_gateway);

  test('is an active-active, route-based, zone-redundant gateway with BGP', () => {
    expect(gateway).toMatchObject({
      name: 'vgw-p-dev-eastus2',
      type: 'Vpn',
      vpn_type: 'RouteBased',
      sku: 'VpnGw2AZ',
      generation: 'Generation2',
      active_active: true,
      enable_bgp: true,
      resource_group_name: 'rg-net',
    });
  });

  test('each instance has its own zone-redundant public IP on GatewaySubnet', () => {
    const pips = Object.values(resources.azurerm_public_ip);
    expect(pips.map((p) => p.name)).toEqual(['pip-p-dev-eastus2-vpn-1', 'pip-p-dev-eastus2-vpn-2']);
    for (const p of pips)
      expect(p).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
    const configs = gateway.ip_configuration as Record<string, unknown>[];
    expect(configs.map((c) => [c.name, c.subnet_id])).toEqual([
      ['vnetGatewayConfig1', 'subnet-gw'],
      ['vnetGatewayConfig2', 'subnet-gw'],
    ]);
    expect(new Set(configs.map((c) => c.public_ip_address_id)).size).toBe(2);
  });

  test('each instance peers from the APIPA addresses the plan gives it', () => {
    expect(gateway.bgp_settings).toEqual({
      asn: 65010,
      peering_addresses: [
        { ip_configuration_name: 'vnetGatewayConfig1', apipa_addresses: ['169.254.21.2', '169.254.22.2'] },
        { ip_configuration_name: 'vnetGatewayConfig2', apipa_addresses: ['169.254.21.6', '169.254.22.6'] },
      ],
    });
  });

  test('the SKU can be raised', () => {
    expect(Object.values(synth({ sku: 'VpnGw3AZ' }).azurerm_virtual_network_gateway)[0].sku).toBe('VpnGw3AZ');
  });
});
