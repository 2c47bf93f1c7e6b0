import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import type { AwsNetwork } from './network';

/**
 * Interface endpoints every private EKS cluster needs to pull images, get credentials, ship logs
 * and join nodes without a path to the internet. `eks-auth` serves EKS Pod Identity.
 */
export const AWS_INTERFACE_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 'sts', 'logs', 'ec2', 'eks', 'eks-auth'] as const;

/** Props of {@link AwsVpcEndpoints}. */
export interface AwsVpcEndpointsProps {
  /** The network the endpoints serve. */
  readonly network: AwsNetwork;
  readonly region: string;
  /** The VPC's CIDR: the only source admitted to the endpoints. */
  readonly vpcCidr: string;
  /** Resource name prefix. */
  readonly namePrefix: string;
}

/**
 * Private AWS API access for a VPC: S3 as a gateway endpoint on the private route tables, and
 * the interface endpoints above in the endpoint subnets with private DNS, behind a security
 * group that admits HTTPS from the VPC only.
 */
export class AwsVpcEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly interfaceEndpoints: readonly VpcEndpoint[];

  constructor(scope: Construct, id: string, props: AwsVpcEndpointsProps) {
    super(scope, id);
    const vpcId = props.network.vpc.id;
    new VpcEndpoint(this, 's3', {
      vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.network.privateRouteTables.map((rt) => rt.id),
      tags: { Name: `${props.namePrefix}-s3` },
    });
    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: `${props.namePrefix}-vpc-endpoints`,
      description: 'HTTPS from the VPC to AWS interface endpoints',
      vpcId,
      ingress: [
        {
          description: 'HTTPS from the VPC',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrBlocks: [props.vpcCidr],
        },
      ],
      egress: [],
      tags: { Name: `${props.namePrefix}-vpc-endpoints` },
    });
    this.interfaceEndpoints = AWS_INTERFACE_ENDPOINT_SERVICES.map(
      (service) =>
        new VpcEndpoint(this, service.replace('.', '-'), {
          vpcId,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: props.network.endpoints.subnets.map((s) => s.id),
          securityGroupIds: [this.securityGroup.id],
          tags: { Name: `${props.namePrefix}-${service}` },
        }),
    );
  }
}
