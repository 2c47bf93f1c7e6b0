import { storageAccountName } from './naming';
import type { NetworkSpec } from './network';

/** Cloud-neutral settings of the model stores (Azure's in the primary region, one S3 bucket per AWS region). */
export interface ModelStoreSpec {
  /** Days deleted blobs and containers stay recoverable on Azure. */
  readonly softDeleteDays: number;
  /** Days a replaced or deleted object version is kept on AWS before it expires. */
  readonly noncurrentVersionDays: number;
  /** Azure replication: `ZRS` survives a zone, `GZRS` a region too. */
  readonly azureReplication: 'LRS' | 'ZRS' | 'GZRS';
}

/**
 * Where the environment's model store lives: in the primary Azure region, under names derived
 * from config, so other regions find it by name rather than through the primary stack.
 */
export interface AzureModelStoreLocation {
  readonly accountName: string;
  readonly resourceGroupName: string;
}

/** The model store's names, from the primary region's network name. */
export function azureModelStoreLocation(
  platform: string,
  environment: string,
  primary: NetworkSpec,
): AzureModelStoreLocation {
  return {
    accountName: storageAccountName([platform, environment, primary.region, 'models']),
    resourceGroupName: `rg-${primary.name}-models`,
  };
}
