import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Construct } from 'constructs';

/** The private-link DNS zones a region's private endpoints resolve through. */
export function privateLinkZoneNames(region: string): { blob: string; vault: string; aks: string } {
  return {
    blob: 'privatelink.blob.core.windows.net',
    vault: 'privatelink.vaultcore.azure.net',
    aks: `privatelink.${region}.azmk8s.io`,
  };
}

/** Props of {@link AzurePrivateDnsZones}. */
export interface AzurePrivateDnsZonesProps {
  readonly region: string;
  readonly resourceGroupName: string;
  /** The VNet the zones resolve for. */
  readonly vnetId: string;
  /** Resource name prefix for the links. */
  readonly namePrefix: string;
}

/**
 * Private DNS zones for the private endpoints in use (blob, Key Vault, the private AKS API),
 * linked to the VNet so names resolve to private addresses inside it.
 */
export class AzurePrivateDnsZones extends Construct {
  readonly blob: PrivateDnsZone;
  readonly vault: PrivateDnsZone;
  readonly aks: PrivateDnsZone;

  constructor(scope: Construct, id: string, props: AzurePrivateDnsZonesProps) {
    super(scope, id);
    const names = privateLinkZoneNames(props.region);
    const zone = (key: keyof typeof names) => {
      const dnsZone = new PrivateDnsZone(this, key, { name: names[key], resourceGroupName: props.resourceGroupName });
      new PrivateDnsZoneVirtualNetworkLink(this, `${key}-link`, {
        name: `${props.namePrefix}-${key}`,
        resourceGroupName: props.resourceGroupName,
        privateDnsZoneName: dnsZone.name,
        virtualNetworkId: props.vnetId,
        registrationEnabled: false,
      });
      return dnsZone;
    };
    this.blob = zone('blob');
    this.vault = zone('vault');
    this.aks = zone('aks');
  }
}
