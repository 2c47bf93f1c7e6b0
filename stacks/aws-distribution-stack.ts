import type { Construct } from 'constructs';
import { AwsLogEncryptionKey } from '../constructs/aws/logging/log-encryption-key';
import { AwsVpcFlowLog } from '../constructs/aws/logging/vpc-flow-log';
import { AwsNetwork, type NatGatewayMode } from '../constructs/aws/network';
import { AwsVpcEndpoints } from '../constructs/aws/vpc-endpoints';
import type { GpuPoolSpec } from '../constructs/spec/gpu-pool';
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
  /** The GPU pools AWS serves from this region. */
  readonly gpuPools: readonly GpuPoolSpec[];
}

/** One AWS region of the distribution side: where enterprise customers' inference runs. */
export class AwsDistributionStack extends PlatformStack {
  readonly network: AwsNetwork;
  readonly logKey: AwsLogEncryptionKey;

  constructor(scope: Construct, name: string, props: AwsDistributionStackProps) {
    super(scope, name, props);
    const { network, identity, logging } = props;
    awsProvider(this, identity, network.region);

    this.network = new AwsNetwork(this, 'network', {
      network,
      natGateways: props.natGateways,
      clusterName: network.name,
    });
    new AwsVpcEndpoints(this, 'endpoints', {
      network: this.network,
      region: network.region,
      vpcCidr: network.cidr,
      namePrefix: network.name,
    });
    this.logKey = new AwsLogEncryptionKey(this, 'log-key', {
      namePrefix: network.name,
      accountId: identity.accountId,
      region: network.region,
    });
    new AwsVpcFlowLog(this, 'flow-log', {
      vpcId: this.network.vpc.id,
      namePrefix: network.name,
      accountId: identity.accountId,
      logging,
      kmsKeyArn: this.logKey.key.arn,
    });
  }
}
