import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { Construct } from 'constructs';
import type { VpnPlan } from '../cloud-neutral/vpn-plan';

/** Props of {@link AzureVpnGateway}. */
export interface AzureVpnGatewayProps {
  /** Resource name prefix, for example the network's name. */
  readonly namePrefix: string;
  readonly location: string;
  /** The resource group of the VNet (the gateway must sit beside its `GatewaySubnet`). */
  readonly resourceGroupName: string;
  /** The VNet's `GatewaySubnet`. */
  readonly gatewaySubnetId: string;
  /** The gateway's BGP ASN. */
  readonly asn: number;
  /** The tunnel plan: one `ip_configuration` per gateway instance, with its APIPA addresses. */
  readonly plan: VpnPlan;
  /**
   * The gateway SKU. An `AZ` SKU, so the instances spread over zones like their zone-redundant
   * public IPs. VpnGw2AZ (Generation2) is rated about 1.25 Gbps aggregate, what one AWS tunnel
   * carries; bulk transfers go through the object stores, not the VPN.
   * @default 'VpnGw2AZ'
   */
  readonly sku?: string;
}

/**
 * The Azure end of the link: an active-active, route-based VPN gateway with BGP on the VNet's
 * `GatewaySubnet`, one zone-redundant Standard public IP per instance, and each instance's
 * custom BGP (APIPA) addresses from the tunnel plan, so it peers with AWS's tunnel addresses.
 */
export class AzureVpnGateway extends Construct {
  readonly gateway: VirtualNetworkGateway;
  /** One public IP per gateway instance, in instance order. */
  readonly publicIps: readonly PublicIp[];

  constructor(scope: Construct, id: string, props: AzureVpnGatewayProps) {
    super(scope, id);
    const { namePrefix, location, resourceGroupName, plan } = props;
    const sku = props.sku ?? 'VpnGw2AZ';

    this.publicIps = plan.instances.map(
      (instance) =>
        new PublicIp(this, `pip-${instance.index + 1}`, {
          name: `pip-${namePrefix}-vpn-${instance.index + 1}`,
          location,
          resourceGroupName,
          sku: 'Standard',
          allocationMethod: 'Static',
          zones: ['1', '2', '3'],
        }),
    );

    this.gateway = new VirtualNetworkGateway(this, 'gateway', {
      name: `vgw-${namePrefix}`,
      location,
      resourceGroupName,
      type: 'Vpn',
      vpnType: 'RouteBased',
      sku,
      generation: 'Generation2',
      activeActive: true,
      enableBgp: true,
      ipConfiguration: plan.instances.map((instance) => ({
        name: instance.ipConfigurationName,
        publicIpAddressId: this.publicIps[instance.index].id,
        privateIpAddressAllocation: 'Dynamic',
        subnetId: props.gatewaySubnetId,
      })),
      bgpSettings: {
        asn: props.asn,
        peeringAddresses: plan.instances.map((instance) => ({
          ipConfigurationName: instance.ipConfigurationName,
          apipaAddresses: [...instance.apipaAddresses],
        })),
      },
    });
  }

  /** The gateway instances' public addresses, in instance order: where AWS's customer gateways point. */
  get publicIpAddresses(): string[] {
    return this.publicIps.map((ip) => ip.ipAddress);
  }
}
