import type { Construct } from 'constructs';
import { AwsNetwork } from '../constructs/aws/network';
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
  /** Log retention and destinations. */
  readonly logging: LoggingSpec;
  /** The GPU pools AWS serves from this region. */
  readonly gpuPools: readonly GpuPoolSpec[];
}

/** One AWS region of the distribution side: where enterprise customers' inference runs. */
export class AwsDistributionStack extends PlatformStack {
  readonly network: AwsNetwork;

  constructor(scope: Construct, name: string, props: AwsDistributionStackProps) {
    super(scope, name, props);
    awsProvider(this, props.identity, props.network.region);
    this.network = new AwsNetwork(this, 'network', { network: props.network });
  }
}
