import type { Construct } from 'constructs';
import { AzureNetwork } from '../constructs/azure/network';
import type { GpuPoolSpec } from '../constructs/spec/gpu-pool';
import type { AzureIdentitySpec } from '../constructs/spec/identity';
import type { LoggingSpec } from '../constructs/spec/logging';
import type { NetworkSpec } from '../constructs/spec/network';
import { PlatformStack, type PlatformStackProps } from './platform-stack';
import { azureProvider } from './providers';

/** Props of {@link AzureHostStack}. */
export interface AzureHostStackProps extends PlatformStackProps {
  /** The subscription and tenant the stack deploys into. */
  readonly identity: AzureIdentitySpec;
  /** The region's network. */
  readonly network: NetworkSpec;
  /** Log retention and destinations. */
  readonly logging: LoggingSpec;
  /** The GPU pools Azure hosts in this region (training and first-party inference). */
  readonly gpuPools: readonly GpuPoolSpec[];
}

/** One Azure region of the host side: where the first-party products train and serve. */
export class AzureHostStack extends PlatformStack {
  readonly network: AzureNetwork;

  constructor(scope: Construct, name: string, props: AzureHostStackProps) {
    super(scope, name, props);
    azureProvider(this, props.identity);
    this.network = new AzureNetwork(this, 'network', { network: props.network });
  }
}
