import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import {
  NetworkSecurityGroup,
  type NetworkSecurityGroupSecurityRule,
} from '@cdktf/provider-azurerm/lib/network-security-group';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet, type SubnetDelegation } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import type { NetworkSpec } from '../cloud-neutral/network';
import { AZURE_SUBNET_LAYOUT, mustPlanSubnets, subnetsOf, type PlannedSubnet } from '../cloud-neutral/subnet-plan';

/** Props of {@link AzureNetwork}. */
export interface AzureNetworkProps {
  /** The region's network, from the cloud-neutral spec. */
  readonly network: NetworkSpec;
  /** The resource group that holds the network's resources. */
  readonly resourceGroup: ResourceGroup;
}

const DENY_INTERNET_INBOUND: NetworkSecurityGroupSecurityRule = {
  name: 'deny-internet-inbound',
  description: 'Nothing on this subnet is reachable from the internet',
  priority: 4000,
  direction: 'Inbound',
  access: 'Deny',
  protocol: '*',
  sourceAddressPrefix: 'Internet',
  sourcePortRange: '*',
  destinationAddressPrefix: '*',
  destinationPortRange: '*',
};

/**
 * NSG rules per subnet role. AKS nodes keep Azure's defaults (VNet and load-balancer probes in)
 * and deny the internet explicitly; private endpoints admit HTTPS from the VNet and nothing else.
 * GatewaySubnet takes no NSG (Azure does not support one there).
 */
const NSG_RULES: Record<string, NetworkSecurityGroupSecurityRule[]> = {
  'aks-gpu': [DENY_INTERNET_INBOUND],
  'aks-system': [DENY_INTERNET_INBOUND],
  'aks-apiserver': [DENY_INTERNET_INBOUND],
  'deploy-runners': [DENY_INTERNET_INBOUND],
  'private-endpoints': [
    {
      name: 'allow-https-from-vnet',
      description: 'Clients in the VNet reach private endpoints over HTTPS',
      priority: 100,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefix: 'VirtualNetwork',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '443',
    },
    {
      name: 'deny-vnet-other-inbound',
      description: 'Nothing but HTTPS reaches private endpoints',
      priority: 3900,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: 'VirtualNetwork',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
    },
    DENY_INTERNET_INBOUND,
  ],
};

/** Subnets handed to an Azure service. */
const SUBNET_DELEGATIONS: Record<string, SubnetDelegation[]> = {
  'aks-apiserver': [
    {
      name: 'aks-apiserver',
      serviceDelegation: {
        name: 'Microsoft.ContainerService/managedClusters',
        actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
      },
    },
  ],
  // Deploy runners run as Azure Container Instances container groups, which need the subnet delegated.
  'deploy-runners': [
    {
      name: 'container-instances',
      serviceDelegation: {
        name: 'Microsoft.ContainerInstance/containerGroups',
        actions: ['Microsoft.Network/virtualNetworks/subnets/action'],
      },
    },
  ],
};

/** The subnets AKS nodes (and, through the CNI overlay's SNAT, their pods) send from. */
const AKS_NODE_SUBNETS = ['aks-system', 'aks-gpu'];

/** Subnets whose egress goes through the NAT gateway: the clusters, and runners fetching providers. */
const NAT_SUBNETS = [...AKS_NODE_SUBNETS, 'deploy-runners'];

/**
 * The host side's private network in one region, carved by the shared subnet planner: a VNet
 * with `aks-system`, `aks-gpu`, `private-endpoints`, `GatewaySubnet`, `aks-apiserver` and
 * `deploy-runners`; an NSG on every subnet that can carry one; and a NAT gateway with a
 * zone-redundant public IP for the AKS and runner subnets' egress (default outbound access is
 * off, so nothing leaves another way).
 */
export class AzureNetwork extends Construct {
  readonly vnet: VirtualNetwork;
  readonly plan: readonly PlannedSubnet[];
  /** Subnets by role name. */
  readonly subnets: Readonly<Record<string, Subnet>>;
  readonly natGateway: NatGateway;
  /** The NAT gateway's public IPs: every address the AKS and runner subnets reach the internet from. */
  readonly natPublicIps: readonly PublicIp[];
  /** The AKS subnets' NAT associations: a cluster with `userAssignedNATGateway` outbound must wait for them. */
  readonly egress: readonly SubnetNatGatewayAssociation[];

  constructor(scope: Construct, id: string, props: AzureNetworkProps) {
    super(scope, id);
    const { network, resourceGroup } = props;
    const location = network.region;
    const resourceGroupName = resourceGroup.name;
    this.plan = mustPlanSubnets(network.cidr, network.zones, AZURE_SUBNET_LAYOUT);

    this.vnet = new VirtualNetwork(this, 'vnet', {
      name: `vnet-${network.name}`,
      location,
      resourceGroupName,
      addressSpace: [network.cidr],
    });

    const subnets: Record<string, Subnet> = {};
    for (const role of AZURE_SUBNET_LAYOUT.roles) {
      const [planned] = subnetsOf(this.plan, role.name);
      subnets[role.name] = new Subnet(this, `subnet-${role.name}`, {
        name: role.name,
        resourceGroupName,
        virtualNetworkName: this.vnet.name,
        addressPrefixes: [planned.cidr],
        defaultOutboundAccessEnabled: false,
        privateEndpointNetworkPolicies: role.name === 'private-endpoints' ? 'Enabled' : undefined,
        delegation: SUBNET_DELEGATIONS[role.name],
      });
      const rules = NSG_RULES[role.name];
      if (rules) {
        const nsg = new NetworkSecurityGroup(this, `nsg-${role.name}`, {
          name: `nsg-${network.name}-${role.name}`,
          location,
          resourceGroupName,
          securityRule: rules,
        });
        new SubnetNetworkSecurityGroupAssociation(this, `nsg-assoc-${role.name}`, {
          subnetId: subnets[role.name].id,
          networkSecurityGroupId: nsg.id,
        });
      }
    }
    this.subnets = subnets;

    const natIp = new PublicIp(this, 'nat-ip', {
      name: `pip-${network.name}-nat`,
      location,
      resourceGroupName,
      sku: 'Standard',
      allocationMethod: 'Static',
      zones: ['1', '2', '3'],
    });
    this.natGateway = new NatGateway(this, 'nat', {
      name: `ng-${network.name}`,
      location,
      resourceGroupName,
      skuName: 'Standard',
      idleTimeoutInMinutes: 10,
    });
    new NatGatewayPublicIpAssociation(this, 'nat-ip-assoc', {
      natGatewayId: this.natGateway.id,
      publicIpAddressId: natIp.id,
    });
    this.natPublicIps = [natIp];
    const associations = NAT_SUBNETS.map(
      (role) =>
        new SubnetNatGatewayAssociation(this, `nat-assoc-${role}`, {
          subnetId: subnets[role].id,
          natGatewayId: this.natGateway.id,
        }),
    );
    this.egress = associations.filter((_, i) => NAT_SUBNETS[i].startsWith('aks-'));
  }

  /** The addresses the AKS and runner subnets' traffic to the internet comes from, as AWS sees it. */
  get egressAddresses(): string[] {
    return this.natPublicIps.map((ip) => ip.ipAddress);
  }

  /** The address ranges of the AKS node subnets: where traffic the clusters' pods start over the link comes from. */
  get clusterSubnetCidrs(): string[] {
    return AKS_NODE_SUBNETS.flatMap((role) => subnetsOf(this.plan, role).map((planned) => planned.cidr));
  }
}
