import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import type { NetworkSpec } from '../spec/network';

/** Props of {@link AzureNetwork}. */
export interface AzureNetworkProps {
  /** The region's network, from the cloud-neutral spec. */
  readonly network: NetworkSpec;
}

/** The host side's private network in one region: a VNet carved from the shared plan. */
export class AzureNetwork extends Construct {
  readonly resourceGroup: ResourceGroup;
  readonly vnet: VirtualNetwork;

  constructor(scope: Construct, id: string, props: AzureNetworkProps) {
    super(scope, id);
    this.resourceGroup = new ResourceGroup(this, 'rg', {
      name: `rg-${props.network.name}-network`,
      location: props.network.region,
    });
    this.vnet = new VirtualNetwork(this, 'vnet', {
      name: `vnet-${props.network.name}`,
      location: props.network.region,
      resourceGroupName: this.resourceGroup.name,
      addressSpace: [props.network.cidr],
    });
  }
}
