import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import {
  VirtualNetworkGatewayConnection,
  type VirtualNetworkGatewayConnectionIpsecPolicy,
} from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import { IPSEC_PROPOSAL, type TunnelEndpoint, type VpnPlan } from '../cloud-neutral/vpn-plan';

/** Props of {@link AzureVpnConnections}. */
export interface AzureVpnConnectionsProps {
  /** Resource name prefix, for example the network's name. */
  readonly namePrefix: string;
  readonly location: string;
  /** The resource group of the VPN gateway. */
  readonly resourceGroupName: string;
  /** The active-active VPN gateway the connections start from. */
  readonly virtualNetworkGatewayId: string;
  /** The peer's BGP ASN: the AWS virtual private gateway's. */
  readonly peerAsn: number;
  /** The tunnel plan. */
  readonly plan: VpnPlan;
  /** The peer's end of each tunnel (outside address, pre-shared key reference), in the plan's tunnel order. */
  readonly tunnels: readonly TunnelEndpoint[];
}

/** {@link IPSEC_PROPOSAL} in Azure's vocabulary. DH group 14 is `DHGroup14` in IKE and `PFS2048` for PFS. */
const AZURE_NAMES: Record<typeof IPSEC_PROPOSAL.encryption | typeof IPSEC_PROPOSAL.integrity, string> = {
  aes256: 'AES256',
  sha256: 'SHA256',
};
const AZURE_DH_GROUPS: Record<typeof IPSEC_PROPOSAL.dhGroup, { dhGroup: string; pfsGroup: string }> = {
  14: { dhGroup: 'DHGroup14', pfsGroup: 'PFS2048' },
};
export const AZURE_IPSEC_POLICY: VirtualNetworkGatewayConnectionIpsecPolicy = {
  ikeEncryption: AZURE_NAMES[IPSEC_PROPOSAL.encryption],
  ikeIntegrity: AZURE_NAMES[IPSEC_PROPOSAL.integrity],
  dhGroup: AZURE_DH_GROUPS[IPSEC_PROPOSAL.dhGroup].dhGroup,
  ipsecEncryption: AZURE_NAMES[IPSEC_PROPOSAL.encryption],
  ipsecIntegrity: AZURE_NAMES[IPSEC_PROPOSAL.integrity],
  pfsGroup: AZURE_DH_GROUPS[IPSEC_PROPOSAL.dhGroup].pfsGroup,
  // Azure's IKE SA lifetime is fixed at 28,800 s (AWS phase 1); this is the IPsec SA (AWS phase 2).
  saLifetime: IPSEC_PROPOSAL.phase2LifetimeSeconds,
};

/**
 * The Azure side's view of the AWS tunnels: per tunnel, a local network gateway (the tunnel's
 * outside address, with AWS's ASN and its BGP address inside the tunnel) and an IPsec connection
 * from the active-active gateway with BGP, the tunnel's pre-shared key (a reference to the key
 * AWS generated, never a literal), the same pinned IKEv2 proposal as AWS, and the custom BGP
 * addresses of the plan, so each instance speaks BGP from the APIPA address in the tunnel's /30.
 *
 * Route propagation on Azure is BGP itself: the gateway learns the VPC's prefixes over these
 * sessions and installs them in the VNet's effective routes; no route table is needed.
 */
export class AzureVpnConnections extends Construct {
  readonly localNetworkGateways: readonly LocalNetworkGateway[];
  readonly connections: readonly VirtualNetworkGatewayConnection[];

  constructor(scope: Construct, id: string, props: AzureVpnConnectionsProps) {
    super(scope, id);
    const { namePrefix, location, resourceGroupName, plan } = props;
    if (props.tunnels.length !== plan.tunnels.length) {
      throw new Error(
        `tunnels must hold one endpoint per planned tunnel (${plan.tunnels.length}), got ${props.tunnels.length}`,
      );
    }

    const localNetworkGateways: LocalNetworkGateway[] = [];
    const connections: VirtualNetworkGatewayConnection[] = [];
    plan.tunnels.forEach((tunnel, i) => {
      const suffix = `aws-${tunnel.connection + 1}-${tunnel.tunnel}`;
      const endpoint = props.tunnels[i];
      // With BGP the local network gateway needs no address space: the peer's prefixes come over BGP.
      const localNetworkGateway = new LocalNetworkGateway(this, `lgw-${suffix}`, {
        name: `lgw-${namePrefix}-${suffix}`,
        location,
        resourceGroupName,
        gatewayAddress: endpoint.outsideAddress,
        bgpSettings: { asn: props.peerAsn, bgpPeeringAddress: tunnel.awsInsideAddress },
      });
      localNetworkGateways.push(localNetworkGateway);
      connections.push(
        new VirtualNetworkGatewayConnection(this, `cn-${suffix}`, {
          name: `cn-${namePrefix}-${suffix}`,
          location,
          resourceGroupName,
          type: 'IPsec',
          virtualNetworkGatewayId: props.virtualNetworkGatewayId,
          localNetworkGatewayId: localNetworkGateway.id,
          connectionProtocol: 'IKEv2',
          sharedKey: endpoint.presharedKey,
          enableBgp: true,
          customBgpAddresses: { ...tunnel.customBgpAddresses },
          ipsecPolicy: AZURE_IPSEC_POLICY,
        }),
      );
    });
    this.localNetworkGateways = localNetworkGateways;
    this.connections = connections;
  }
}
