/** Cloud-neutral settings of the model stores (Azure's in the primary region, one S3 bucket per AWS region). */
export interface ModelStoreSpec {
  /** Days deleted blobs and containers stay recoverable on Azure. */
  readonly softDeleteDays: number;
  /** Days a replaced or deleted object version is kept on AWS before it expires. */
  readonly noncurrentVersionDays: number;
  /** Azure replication: `ZRS` survives a zone, `GZRS` a region too. */
  readonly azureReplication: 'LRS' | 'ZRS' | 'GZRS';
}
