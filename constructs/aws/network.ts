import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import type { NetworkSpec } from '../cloud-neutral/network';
import { isAwsZoneId } from '../cloud-neutral/zones';
import { AwsNetworkAcls } from './network-acls';
import { AWS_SUBNET_LAYOUT, mustPlanSubnets, subnetsOf, type PlannedSubnet } from '../cloud-neutral/subnet-plan';

/** NAT gateways per region: one per zone (survives a zone outage) or one for all (cheaper). */
export type NatGatewayMode = 'one-per-zone' | 'single';

/** Props of {@link AwsNetwork}. */
export interface AwsNetworkProps {
  /** The region's network, from the cloud-neutral spec. */
  readonly network: NetworkSpec;
  /** How many NAT gateways egress uses. */
  readonly natGateways: NatGatewayMode;
  /** The EKS cluster that will use the subnets, for the load-balancer discovery tags. */
  readonly clusterName: string;
}

/** The subnets of one tier, in zone order. */
export interface AwsSubnetTier {
  readonly subnets: readonly Subnet[];
  /** The tier's route tables: one per zone for `nodes`, one shared otherwise. */
  readonly routeTables: readonly RouteTable[];
}

/**
 * The distribution side's private network in one region, carved by the shared subnet planner:
 * public subnets (NAT, internet-facing load balancers), node subnets (private, egress through
 * NAT), intra subnets (EKS control-plane ENIs, no internet route) and endpoint subnets (VPC
 * interface endpoints). No subnet gives out public IPs on launch; the default security group
 * is emptied. Each tier has its own network ACL, refusing SSH and RDP from anywhere, and the
 * default ACL admits nothing. Zones are names or, preferably, zone IDs (see `spec/zones.ts`).
 */
export class AwsNetwork extends Construct {
  readonly vpc: Vpc;
  readonly plan: readonly PlannedSubnet[];
  readonly public: AwsSubnetTier;
  readonly nodes: AwsSubnetTier;
  readonly intra: AwsSubnetTier;
  readonly endpoints: AwsSubnetTier;
  readonly natGateways: readonly NatGateway[];
  /** The network ACL of each tier (`network-acl-plan.ts`). */
  readonly acls: AwsNetworkAcls;
  private readonly name: string;

  constructor(scope: Construct, id: string, props: AwsNetworkProps) {
    super(scope, id);
    const { network } = props;
    this.name = network.name;
    this.plan = mustPlanSubnets(network.cidr, network.zones, AWS_SUBNET_LAYOUT);

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: network.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: network.name },
    });

    // CIS / FSBP EC2.2: the default security group must allow nothing; resources get explicit groups.
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: this.vpc.id, ingress: [], egress: [] });

    const igw = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: { Name: network.name } });
    const publicRouteTable = new RouteTable(this, 'public-rt', {
      vpcId: this.vpc.id,
      route: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }],
      tags: { Name: `${network.name}-public` },
    });
    const clusterTag = { [`kubernetes.io/cluster/${props.clusterName}`]: 'shared' };
    const publicSubnets = this.subnets('public', { ...clusterTag, 'kubernetes.io/role/elb': '1' });
    this.associate('public', publicSubnets, [publicRouteTable]);
    this.public = { subnets: publicSubnets, routeTables: [publicRouteTable] };

    const natZones = props.natGateways === 'single' ? 1 : publicSubnets.length;
    this.natGateways = publicSubnets.slice(0, natZones).map((subnet, i) => {
      const zone = network.zones[i];
      const eip = new Eip(this, `nat-eip-${zone}`, { domain: 'vpc', tags: { Name: `${network.name}-nat-${zone}` } });
      return new NatGateway(this, `nat-${zone}`, {
        allocationId: eip.allocationId,
        subnetId: subnet.id,
        tags: { Name: `${network.name}-nat-${zone}` },
        dependsOn: [igw],
      });
    });

    const nodeSubnets = this.subnets('nodes', { ...clusterTag, 'kubernetes.io/role/internal-elb': '1' });
    const nodeRouteTables = network.zones.map(
      (zone, i) =>
        new RouteTable(this, `nodes-rt-${zone}`, {
          vpcId: this.vpc.id,
          route: [{ cidrBlock: '0.0.0.0/0', natGatewayId: this.natGateways[Math.min(i, natZones - 1)].id }],
          tags: { Name: `${network.name}-nodes-${zone}` },
        }),
    );
    this.associate('nodes', nodeSubnets, nodeRouteTables);
    this.nodes = { subnets: nodeSubnets, routeTables: nodeRouteTables };

    // Intra and endpoint subnets have no route off the VPC (VPN routes are propagated in later).
    const intraRouteTable = new RouteTable(this, 'intra-rt', {
      vpcId: this.vpc.id,
      tags: { Name: `${network.name}-intra` },
    });
    const intraSubnets = this.subnets('intra', {});
    this.associate('intra', intraSubnets, [intraRouteTable]);
    this.intra = { subnets: intraSubnets, routeTables: [intraRouteTable] };

    const endpointSubnets = this.subnets('endpoints', {});
    this.associate('endpoints', endpointSubnets, [intraRouteTable]);
    this.endpoints = { subnets: endpointSubnets, routeTables: [intraRouteTable] };

    this.acls = new AwsNetworkAcls(this, 'acl', {
      vpcId: this.vpc.id,
      vpcCidr: network.cidr,
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      tiers: { public: publicSubnets, nodes: nodeSubnets, intra: intraSubnets, endpoints: endpointSubnets },
      namePrefix: network.name,
    });
  }

  /** Every route table of the VPC's private tiers, for gateway endpoints and VPN route propagation. */
  get privateRouteTables(): RouteTable[] {
    return [...this.nodes.routeTables, ...this.intra.routeTables];
  }

  /**
   * No subnet assigns public IPs on launch, the public tier included: NAT gateways and load
   * balancers bring their own addresses, and an instance launched there by mistake stays private
   * (FSBP EC2.15; terraform-aws-vpc's default too).
   */
  private subnets(role: string, tags: Record<string, string>): Subnet[] {
    return subnetsOf(this.plan, role).map(
      (planned) =>
        new Subnet(this, `${role}-${planned.zone}`, {
          vpcId: this.vpc.id,
          cidrBlock: planned.cidr,
          ...(isAwsZoneId(planned.zone!) ? { availabilityZoneId: planned.zone } : { availabilityZone: planned.zone }),
          mapPublicIpOnLaunch: false,
          tags: { Name: `${this.name}-${role}-${planned.zone}`, tier: role, ...tags },
        }),
    );
  }

  private associate(role: string, subnets: readonly Subnet[], routeTables: readonly RouteTable[]): void {
    subnets.forEach((subnet, i) => {
      new RouteTableAssociation(this, `${role}-rta-${i}`, {
        subnetId: subnet.id,
        routeTableId: routeTables[Math.min(i, routeTables.length - 1)].id,
      });
    });
  }
}
