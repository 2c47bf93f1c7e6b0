import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import type { Construct } from 'constructs';
import type { AwsNetwork } from '../constructs/aws/network';
import { AwsLinkHealth } from '../constructs/aws/link-health';
import { AwsLinkIngress } from '../constructs/aws/link-ingress';
import { AzureLinkHealth } from '../constructs/azure/link-health';
import type { LinkObjectives } from '../constructs/cloud-neutral/link-health';
import { AwsVpnGateway } from '../constructs/aws/vpn-gateway';
import { AzureVpnConnections } from '../constructs/azure/vpn-connections';
import { AzureVpnGateway } from '../constructs/azure/vpn-gateway';
import { vpnGatewayLogs } from '../constructs/azure/logging/vpn-gateway-logs';
import type { AwsIdentitySpec, AzureIdentitySpec } from '../constructs/cloud-neutral/identity';
import type { NetworkSpec } from '../constructs/cloud-neutral/network';
import { planVpnTunnels, type VpnPlan } from '../constructs/cloud-neutral/vpn-plan';
import { PlatformStack, type PlatformStackProps } from './platform-stack';
import { awsProvider, azureProvider } from './providers';

/** The link's BGP autonomous systems, from config. */
export interface LinkSpec {
  readonly awsAsn: number;
  readonly azureAsn: number;
}

/** What the link needs of the Azure host stack of the primary Azure region. */
export interface LinkAzureSide {
  readonly identity: AzureIdentitySpec;
  readonly network: NetworkSpec;
  /** The VNet's resource group, in the host stack: the gateway must sit beside its subnet. */
  readonly resourceGroup: ResourceGroup;
  /** The VNet's `GatewaySubnet`, in the host stack. */
  readonly gatewaySubnet: Subnet;
  /** The address ranges of the AKS node subnets: the only Azure sources the link admits into AWS. */
  readonly clusterSubnetCidrs: readonly string[];
  /** The region's Log Analytics workspace, in the host stack: the gateway's logs are queried there. */
  readonly workspaceId: string;
  /** The region's audit archive account, in the host stack: the gateway's logs are kept there. */
  readonly archiveAccountId: string;
}

/** What the link needs of the AWS distribution stack of the primary AWS region. */
export interface LinkAwsSide {
  readonly identity: AwsIdentitySpec;
  readonly network: NetworkSpec;
  /** The VPC and its route tables, in the distribution stack. */
  readonly vpc: AwsNetwork;
  /** The nodes' peer-ingress security group, in the distribution stack. */
  readonly peerIngressSecurityGroupId: string;
  /** The node subnets' network ACL, in the distribution stack. */
  readonly nodesNetworkAclId: string;
  /** The encrypted log group of the tunnels, in the distribution stack. */
  readonly tunnelLogGroupArn: string;
}

/** How the link's service level is watched. */
export interface LinkHealthSpec {
  readonly objectives: LinkObjectives;
  /** The account's alarm topic, in the primary AWS region (the account stack's). */
  readonly awsTopicArn: string;
  /** Who the Azure action group emails. */
  readonly emails: readonly string[];
}

/** Props of {@link LinkStack}. */
export interface LinkStackProps extends PlatformStackProps {
  readonly link: LinkSpec;
  readonly azure: LinkAzureSide;
  readonly aws: LinkAwsSide;
  readonly health: LinkHealthSpec;
}

/**
 * The site-to-site link of one environment: an IPsec VPN with BGP between the primary AWS VPC
 * and the primary Azure VNet (Microsoft Learn's AWS/Azure BGP pattern: an active-active Azure
 * gateway, two AWS VPN connections of two tunnels each, four Azure connections). Both providers
 * live here, so neither network stack depends on the other. The networks are read through
 * cross-stack references (the resources of the host and distribution stacks are used directly;
 * cdktf turns that into outputs there and `terraform_remote_state` here), so the link is
 * deployed after both and can be destroyed on its own.
 */
export class LinkStack extends PlatformStack {
  readonly plan: VpnPlan;
  readonly azureGateway: AzureVpnGateway;
  readonly awsGateway: AwsVpnGateway;
  readonly azureConnections: AzureVpnConnections;
  readonly awsIngress: AwsLinkIngress;

  constructor(scope: Construct, name: string, props: LinkStackProps) {
    super(scope, name, props);
    const { link, azure, aws } = props;
    awsProvider(this, aws.identity, aws.network.region);
    azureProvider(this, azure.identity);
    this.plan = planVpnTunnels();

    const resourceGroupName = azure.resourceGroup.name;
    this.azureGateway = new AzureVpnGateway(this, 'azure-gateway', {
      namePrefix: azure.network.name,
      location: azure.network.region,
      resourceGroupName,
      gatewaySubnetId: azure.gatewaySubnet.id,
      asn: link.azureAsn,
      plan: this.plan,
    });

    this.awsGateway = new AwsVpnGateway(this, 'aws-gateway', {
      namePrefix: aws.network.name,
      vpcId: aws.vpc.vpc.id,
      routeTableIds: aws.vpc.privateRouteTables.map((rt) => rt.id),
      asn: link.awsAsn,
      peerAsn: link.azureAsn,
      peerAddresses: this.azureGateway.publicIpAddresses,
      plan: this.plan,
      tunnelLogGroupArn: aws.tunnelLogGroupArn,
    });
    vpnGatewayLogs(this, 'azure-gateway-logs', {
      gatewayId: this.azureGateway.gateway.id,
      workspaceId: azure.workspaceId,
      archiveAccountId: azure.archiveAccountId,
    });

    this.azureConnections = new AzureVpnConnections(this, 'azure-connections', {
      namePrefix: azure.network.name,
      location: azure.network.region,
      resourceGroupName,
      virtualNetworkGatewayId: this.azureGateway.gateway.id,
      peerAsn: link.awsAsn,
      plan: this.plan,
      tunnels: this.awsGateway.tunnels,
    });

    // Azure's NSGs admit the link already (the VirtualNetwork tag covers BGP-learned prefixes);
    // the EKS nodes admit only the AKS node subnets, where the publisher and probes run.
    this.awsIngress = new AwsLinkIngress(this, 'aws-ingress', {
      securityGroupId: aws.peerIngressSecurityGroupId,
      networkAclId: aws.nodesNetworkAclId,
      peerCidrs: azure.clusterSubnetCidrs,
    });

    new AwsLinkHealth(this, 'aws-health', {
      namePrefix: aws.network.name,
      connections: this.awsGateway.connections,
      objectives: props.health.objectives,
      topicArn: props.health.awsTopicArn,
    });
    new AzureLinkHealth(this, 'azure-health', {
      namePrefix: azure.network.name,
      resourceGroupName,
      gatewayId: this.azureGateway.gateway.id,
      peerAddresses: this.plan.tunnels.map((t) => t.awsInsideAddress),
      objectives: props.health.objectives,
      emails: props.health.emails,
    });
  }
}
