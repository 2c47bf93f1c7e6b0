import type { Construct } from 'constructs';
import type { AwsKmsKey } from '../constructs/aws/kms-key';
import { awsLogEncryptionKey } from '../constructs/aws/logging/log-encryption-key';
import { AwsVpcFlowLog } from '../constructs/aws/logging/vpc-flow-log';
import { AwsNetwork, type NatGatewayMode } from '../constructs/aws/network';
import { AwsVpcEndpoints } from '../constructs/aws/vpc-endpoints';
import { AwsEksCluster } from '../constructs/aws/eks-cluster';
import type { ClusterSpec } from '../constructs/spec/cluster';
import type { AwsIdentitySpec } from '../constructs/spec/identity';
import type { LoggingSpec } from '../constructs/spec/logging';
import type { NetworkSpec } from '../constructs/spec/network';
import { PlatformStack, type PlatformStackProps } from './platform-stack';
import { awsProvider } from './providers';

/** Props of {@link AwsDistributionStack}. */
export interface AwsDistributionStackProps extends PlatformStackProps {
  /** The AWS account the stack deploys into. */
  readonly identity: AwsIdentitySpec;
  /** The region's network. */
  readonly network: NetworkSpec;
  /** NAT gateways: one per zone, or a single one. */
  readonly natGateways: NatGatewayMode;
  /** Log retention and destinations. */
  readonly logging: LoggingSpec;
  /** The region's EKS cluster, GPU pools included. */
  readonly cluster: ClusterSpec;
  /** IAM principals given cluster-admin. */
  readonly clusterAdminArns: readonly string[];
  /** The account's `AWSServiceRoleForAutoScaling`, from the account stack. */
  readonly autoScalingRoleArn: string;
}

/** One AWS region of the distribution side: where enterprise customers' inference runs. */
export class AwsDistributionStack extends PlatformStack {
  readonly network: AwsNetwork;
  readonly logKey: AwsKmsKey;
  readonly cluster: AwsEksCluster;

  constructor(scope: Construct, name: string, props: AwsDistributionStackProps) {
    super(scope, name, props);
    const { network, identity, logging } = props;
    awsProvider(this, identity, network.region);

    this.network = new AwsNetwork(this, 'network', {
      network,
      natGateways: props.natGateways,
      clusterName: props.cluster.name,
    });
    new AwsVpcEndpoints(this, 'endpoints', {
      network: this.network,
      region: network.region,
      vpcCidr: network.cidr,
      namePrefix: network.name,
    });
    this.logKey = awsLogEncryptionKey(this, 'log-key', {
      namePrefix: network.name,
      accountId: identity.accountId,
      region: network.region,
    });
    new AwsVpcFlowLog(this, 'flow-log', {
      vpcId: this.network.vpc.id,
      namePrefix: network.name,
      accountId: identity.accountId,
      region: network.region,
      logging,
      kmsKeyArn: this.logKey.arn,
    });
    this.cluster = new AwsEksCluster(this, 'eks', {
      cluster: props.cluster,
      network: this.network,
      zones: network.zones,
      accountId: identity.accountId,
      region: network.region,
      logging,
      logKeyArn: this.logKey.arn,
      adminPrincipalArns: props.clusterAdminArns,
      autoScalingRoleArn: props.autoScalingRoleArn,
    });
  }
}
