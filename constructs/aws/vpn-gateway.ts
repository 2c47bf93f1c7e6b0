import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { Construct } from 'constructs';
import { IPSEC_PROPOSAL, type TunnelEndpoint, type VpnPlan } from '../cloud-neutral/vpn-plan';

/** Props of {@link AwsVpnGateway}. */
export interface AwsVpnGatewayProps {
  /** Resource name prefix (`Name` tags), for example the network's name. */
  readonly namePrefix: string;
  /** The VPC the virtual private gateway attaches to. */
  readonly vpcId: string;
  /** Route tables that learn the peer's routes from BGP: the VPC's private route tables. */
  readonly routeTableIds: readonly string[];
  /** The virtual private gateway's BGP ASN (Amazon side). */
  readonly asn: number;
  /** The peer's BGP ASN: the Azure gateway's. */
  readonly peerAsn: number;
  /** The peer's public addresses, one per Azure gateway instance, in instance order. */
  readonly peerAddresses: readonly string[];
  /** The tunnel plan: inside CIDRs per VPN connection and tunnel. */
  readonly plan: VpnPlan;
  /**
   * The KMS-encrypted log group every tunnel logs IKE negotiation, tunnel state and dead peer
   * detection into (JSON). It outlives the link: it is the AWS end's distribution stack's.
   */
  readonly tunnelLogGroupArn: string;
}

/** {@link IPSEC_PROPOSAL} in AWS's vocabulary, the same for both phases of every tunnel. */
const AWS_NAMES: Record<typeof IPSEC_PROPOSAL.encryption | typeof IPSEC_PROPOSAL.integrity, string> = {
  aes256: 'AES256',
  sha256: 'SHA2-256',
};
export const AWS_IPSEC_PROPOSAL = {
  ikeVersions: [`ikev${IPSEC_PROPOSAL.ikeVersion}`],
  encryptionAlgorithms: [AWS_NAMES[IPSEC_PROPOSAL.encryption]],
  integrityAlgorithms: [AWS_NAMES[IPSEC_PROPOSAL.integrity]],
  dhGroupNumbers: [IPSEC_PROPOSAL.dhGroup],
};

/**
 * The AWS end of the link: a virtual private gateway on the VPC, one customer gateway per Azure
 * gateway instance, and one BGP VPN connection of two tunnels to each, with the plan's inside
 * CIDRs and a pinned IKEv2 proposal. AWS generates the pre-shared keys (they are never written
 * here); {@link tunnels} hands references to them, with each tunnel's outside address, to the
 * Azure side. BGP-learned routes are propagated into the given route tables. Every tunnel logs
 * into the given encrypted log group.
 */
export class AwsVpnGateway extends Construct {
  readonly vpnGateway: VpnGateway;
  readonly customerGateways: readonly CustomerGateway[];
  readonly connections: readonly VpnConnection[];
  /** What the Azure side needs of each tunnel, in the plan's tunnel order. */
  readonly tunnels: readonly TunnelEndpoint[];

  constructor(scope: Construct, id: string, props: AwsVpnGatewayProps) {
    super(scope, id);
    const { namePrefix, plan } = props;
    const [expected, got] = [plan.instances.length, props.peerAddresses.length];
    if (got !== expected) {
      throw new Error(`peerAddresses must hold one address per Azure gateway instance (${expected}), got ${got}`);
    }

    this.vpnGateway = new VpnGateway(this, 'vgw', {
      vpcId: props.vpcId,
      amazonSideAsn: String(props.asn),
      tags: { Name: `${namePrefix}-vgw` },
    });

    this.customerGateways = plan.instances.map(
      (instance) =>
        new CustomerGateway(this, `cgw-${instance.index + 1}`, {
          bgpAsn: String(props.peerAsn),
          ipAddress: props.peerAddresses[instance.index],
          type: 'ipsec.1',
          tags: { Name: `${namePrefix}-azure-${instance.index + 1}` },
        }),
    );

    const logOptions = {
      cloudwatchLogOptions: { logEnabled: true, logGroupArn: props.tunnelLogGroupArn, logOutputFormat: 'json' },
    };
    this.connections = plan.instances.map((instance) => {
      const [t1, t2] = plan.tunnels.filter((t) => t.connection === instance.index);
      const p = AWS_IPSEC_PROPOSAL;
      return new VpnConnection(this, `vpn-${instance.index + 1}`, {
        vpnGatewayId: this.vpnGateway.id,
        customerGatewayId: this.customerGateways[instance.index].id,
        type: 'ipsec.1',
        staticRoutesOnly: false,
        tunnel1InsideCidr: t1.insideCidr,
        tunnel1IkeVersions: p.ikeVersions,
        tunnel1Phase1EncryptionAlgorithms: p.encryptionAlgorithms,
        tunnel1Phase1IntegrityAlgorithms: p.integrityAlgorithms,
        tunnel1Phase1DhGroupNumbers: p.dhGroupNumbers,
        tunnel1Phase1LifetimeSeconds: IPSEC_PROPOSAL.phase1LifetimeSeconds,
        tunnel1Phase2EncryptionAlgorithms: p.encryptionAlgorithms,
        tunnel1Phase2IntegrityAlgorithms: p.integrityAlgorithms,
        tunnel1Phase2DhGroupNumbers: p.dhGroupNumbers,
        tunnel1Phase2LifetimeSeconds: IPSEC_PROPOSAL.phase2LifetimeSeconds,
        tunnel1LogOptions: logOptions,
        tunnel2InsideCidr: t2.insideCidr,
        tunnel2IkeVersions: p.ikeVersions,
        tunnel2Phase1EncryptionAlgorithms: p.encryptionAlgorithms,
        tunnel2Phase1IntegrityAlgorithms: p.integrityAlgorithms,
        tunnel2Phase1DhGroupNumbers: p.dhGroupNumbers,
        tunnel2Phase1LifetimeSeconds: IPSEC_PROPOSAL.phase1LifetimeSeconds,
        tunnel2Phase2EncryptionAlgorithms: p.encryptionAlgorithms,
        tunnel2Phase2IntegrityAlgorithms: p.integrityAlgorithms,
        tunnel2Phase2DhGroupNumbers: p.dhGroupNumbers,
        tunnel2Phase2LifetimeSeconds: IPSEC_PROPOSAL.phase2LifetimeSeconds,
        tunnel2LogOptions: logOptions,
        tags: { Name: `${namePrefix}-to-azure-${instance.index + 1}` },
      });
    });

    this.tunnels = plan.tunnels.map((t) => {
      const connection = this.connections[t.connection];
      return t.tunnel === 1
        ? { outsideAddress: connection.tunnel1Address, presharedKey: connection.tunnel1PresharedKey }
        : { outsideAddress: connection.tunnel2Address, presharedKey: connection.tunnel2PresharedKey };
    });

    // Route propagation: the VPC's route tables learn the Azure prefixes the tunnels' BGP carries.
    props.routeTableIds.forEach((routeTableId, i) => {
      new VpnGatewayRoutePropagation(this, `propagation-${i}`, { vpnGatewayId: this.vpnGateway.id, routeTableId });
    });
  }
}
